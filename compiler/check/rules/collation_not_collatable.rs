//! R114: a collation on a column or composite attribute whose type has none.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ColumnType, Project, TypeKind};

pub const META: RuleMeta = RuleMeta {
    code: "R114",
    name: "collation-not-collatable",
    severity: Severity::Error,
    summary: "A column declares `collation:` but its type is not a string type.",
    why: "Only string types (text, varchar, char, name, citext and arrays of them, or domains over them) sort by a collation; PostgreSQL refuses `COLLATE` on any other type (\"collations are not supported by type jsonb\").",
    bad: "columns:\n  payload: { type: jsonb, collation: C }\n",
    good: "columns:\n  code: { type: text, collation: C }\n",
};

/// Whether PostgreSQL accepts a collation on the type; `None` when
/// schemac cannot tell (an extension's or an external type).
fn collatable(ty: &ColumnType) -> Option<bool> {
    match ty.kind {
        TypeKind::Enum | TypeKind::Composite | TypeKind::Range => Some(false),
        TypeKind::External | TypeKind::Domain => None,
        TypeKind::Extension => (ty.base == "citext").then_some(true),
        TypeKind::Builtin => {
            let b = ty.base.as_str();
            Some(b == "text" || b == "name" || b == "\"char\"" || b.starts_with("character"))
        }
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        for c in &t.columns {
            if c.collation.is_some() && collatable(&c.ty) == Some(false) {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("`{}.{}` is of type {}, which has no collation", t.name, c.name, c.ty),
                    )
                    .at_origin(&c.origin)
                    .help("leave out `collation:`, or give the column a string type (`text`)"),
                );
            }
        }
    }
    for tier in &project.tiers {
        for ty in &tier.schema.composites {
            for a in &ty.attributes {
                if a.collation.is_some() && collatable(&a.ty) == Some(false) {
                    diags.push(
                        Diagnostic::new(
                            &META,
                            format!(
                                "attribute `{}.{}` is of type {}, which has no collation",
                                ty.name, a.name, a.ty
                            ),
                        )
                        .at_origin(&a.origin)
                        .help("leave out `collation:`, or give the attribute a string type (`text`)"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn collation_on_json_and_enums() {
        let files = app("enums:\n  mood: { values: [up, down] }\ntables:\n  t:\n    columns:\n      a: { type: jsonb, collation: C }\n      b: { type: text, collation: C }\n      c: { type: \"varchar(3)[]\", collation: C }\n      d: { type: mood, collation: C }\n      e: { type: integer, collation: C }\n");
        assert_eq!(found(&refs(&files), "R114"), [(6, 7), (9, 7), (10, 7)]);
    }

    #[test]
    fn collation_on_a_composite_attribute() {
        let files = app("types:
  money_amount:
    attributes:
      amount: { type: numeric, collation: C }
      currency: { type: text, collation: C }
");
        assert_eq!(found(&refs(&files), "R114"), [(4, 7)]);
    }
}
