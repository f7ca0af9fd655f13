//! R104: a reference between columns of different types.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ColumnType, Project, Table, TypeKind};

pub const META: RuleMeta = RuleMeta {
    code: "R104",
    name: "fk-type-mismatch",
    severity: Severity::Error,
    summary: "A referencing column's type cannot be compared with the referenced column's type.",
    why: "PostgreSQL rejects a foreign key between types it cannot compare (bigint → uuid, text → integer). Types of one family are accepted, as PostgreSQL accepts them: integers of any width (and an integer referencing a numeric), `real` and `double precision`, `text` and `varchar`, dates and timestamps. For soft references across databases nothing stops the drift at all, so the compiler does.",
    bad: "# leads.id is uuid\ncolumns:\n  lead_id: { type: bigint, references: leads }\n",
    good: "columns:\n  lead_id: { type: uuid, references: leads }\n",
};

fn compare(
    t: &Table,
    cols: &[crate::model::Ident],
    target: &Table,
    ref_cols: &[crate::model::Ident],
    diags: &mut Diagnostics,
) {
    for (c, r) in cols.iter().zip(ref_cols) {
        let (Some(col), Some(rcol)) = (t.column(c.as_str()), target.column(r.as_str())) else { continue };
        if !comparable(&col.ty, &rcol.ty) {
            if col.origin.is_implied() {
                // The tenant key: its type is the project's, not this table's.
                let d = Diagnostic::new(
                    &META,
                    format!("the tenant key `{c}` is `{}` but `{}.{}` is `{}`", col.ty, target.name, r, rcol.ty),
                )
                .at(rcol.origin.span())
                .help(format!("the tenant key takes its type from `tenancy.type` or the root's primary key: make them agree (both `{}`, or both `{}`)", col.ty, rcol.ty));
                if !diags.iter().any(|x| x.code == META.code && x.message == d.message) {
                    diags.push(d);
                }
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &META,
                    format!("`{}.{}` is `{}` but references `{}.{}` of type `{}`", t.name, c, col.ty, target.name, r, rcol.ty),
                )
                .at_origin(&col.origin)
                .label(rcol.origin.span(), "referenced column declared here")
                .help(format!("declare `{c}` as `{}`", rcol.ty)),
            );
        }
    }
}

/// Whether PostgreSQL accepts a foreign key from a column of type `fk` to
/// one of type `pk`: the same type, or types with an equality operator
/// between them (one btree family), or `fk` implicitly cast to `pk`.
fn comparable(fk: &ColumnType, pk: &ColumnType) -> bool {
    if fk.same_as(pk) {
        return true;
    }
    if fk.array_dims != pk.array_dims || fk.kind != TypeKind::Builtin || pk.kind != TypeKind::Builtin {
        return false;
    }
    let family = |t: &ColumnType| -> Option<&'static str> {
        let b = t.base.split('(').next().unwrap_or_default().trim();
        Some(match b {
            "smallint" | "integer" | "bigint" => "integer",
            "numeric" => "numeric",
            "real" | "double precision" => "float",
            "text" | "character varying" => "text",
            "character" => "character",
            "date" | "timestamp without time zone" | "timestamp with time zone" => "datetime",
            _ => return None,
        })
    };
    match (family(fk), family(pk)) {
        (Some(a), Some(b)) if a == b => true,
        // Implicit casts: integer → numeric, character → text.
        (Some("integer"), Some("numeric")) | (Some("character"), Some("text")) => true,
        _ => false,
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let fks = crate::check::Tables::new(project);
    for (tier, t) in tables(project) {
        for (_, cols, target, ref_cols) in fks.foreign_keys(tier, t) {
            compare(t, cols, target, ref_cols, diags);
        }
        for s in &t.soft_references {
            if let Some(target) = project.tier(s.tier.as_str()).and_then(|tier| tier.schema.table(s.table.as_str())) {
                compare(t, &s.columns, target, &s.ref_columns, diags);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn bigint_to_uuid() {
        let files = app("tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n  calls:\n    columns:\n      lead_id: { type: bigint, references: leads }\n      other_lead_id: { type: uuid, references: leads }\n");
        assert_eq!(found(&refs(&files), "R104"), [(7, 7)]);
    }

    #[test]
    fn integer_to_bigint_is_accepted_as_postgres_accepts_it() {
        let files = app("tables:\n  leads:\n    columns:\n      id: { type: bigint, primary_key: true }\n  calls:\n    columns:\n      lead_id: { type: integer, references: leads }\n  notes:\n    columns:\n      lead_id: { type: text, references: leads }\n");
        assert_eq!(found(&refs(&files), "R104"), [(10, 7)]);
    }
}
