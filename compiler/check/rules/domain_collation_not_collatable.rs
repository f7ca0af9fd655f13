//! D101: a collation on a domain whose base type has none.

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ColumnType, Project, Schema, TypeKind};

pub const META: RuleMeta = RuleMeta {
    code: "D101",
    name: "domain-collation-not-collatable",
    severity: Severity::Error,
    summary: "A domain declares `collation:` but its base type is not a string type.",
    why: "Only string types (text, varchar, char, name, citext, or domains over them) sort by a collation; PostgreSQL refuses `CREATE DOMAIN … COLLATE` on any other base type (\"collations are not supported by type integer\"), so the migration would fail.",
    bad: "domains:\n  quantity: { type: integer, collation: C }\n",
    good: "domains:\n  country_code: { type: text, collation: C }\n",
};

/// Whether the type sorts by a collation; `None` when schemac cannot tell.
fn collatable(ty: &ColumnType, schema: &Schema, depth: u8) -> Option<bool> {
    match ty.kind {
        TypeKind::Enum | TypeKind::Composite | TypeKind::Range => Some(false),
        TypeKind::External => None,
        TypeKind::Extension => (ty.base == "citext").then_some(true),
        TypeKind::Domain => match schema.domain(&ty.base) {
            Some(d) if depth < 16 => collatable(&d.ty, schema, depth + 1),
            _ => None,
        },
        TypeKind::Builtin => {
            let b = ty.base.as_str();
            Some(b == "text" || b == "name" || b == "\"char\"" || b.starts_with("character"))
        }
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for tier in &project.tiers {
        let schema = &tier.schema;
        for d in &schema.domains {
            if d.collation.is_some() && collatable(&d.ty, schema, 0) == Some(false) {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("domain `{}` is over {}, which has no collation", d.name, d.ty),
                    )
                    .at_origin(&d.origin)
                    .help("leave out `collation:`, or give the domain a string base type (`text`)"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn collation_on_numbers_and_over_domains() {
        let files = app(
            "domains:\n  code: { type: text, collation: C }\n  qty: { type: integer, collation: C }\n  short_code: { type: code, collation: POSIX }\n  count: { type: qty, collation: C }\n",
        );
        assert_eq!(found(&refs(&files), "D101"), [(3, 3), (5, 3)]);
    }
}
