//! R104: a reference between columns of different types.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, Table};

pub const META: RuleMeta = RuleMeta {
    code: "R104",
    name: "fk-type-mismatch",
    severity: Severity::Error,
    summary: "A referencing column's type differs from the referenced column's type.",
    why: "PostgreSQL rejects a foreign key between incompatible types, and one between merely castable types (integer → bigint) forces a cast on every check. For soft references across databases nothing stops the drift at all, so the compiler does.",
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
        if !col.ty.same_as(&rcol.ty) {
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
}
