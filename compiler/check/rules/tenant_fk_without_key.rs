//! T103: a foreign key between tenant tables that does not carry the tenant.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "T103",
    name: "tenant-fk-without-key",
    severity: Severity::Error,
    summary: "A foreign key from one tenant-scoped table to another does not include the tenant key.",
    why: "Foreign keys are checked below RLS. With `lead_id → leads(id)` alone, tenant A can insert a row pointing at tenant B's lead (the FK confirms B's ids exist), B's deletes then cascade into or null A's rows, and ON DELETE RESTRICT lets A block B's deletes. A composite key `(tenant_id, lead_id) → leads(tenant_id, id)` makes cross-tenant links impossible. Written on a column (`references: leads`), schemac adds the tenant key itself, with the unique key it needs on the target; under `foreign_keys:` the columns are as written, so they must include it.",
    bad: "foreign_keys:\n  - { columns: [lead_id], references: { table: leads, column: [id] } }\n",
    good: "columns:\n  lead_id: { type: uuid, references: leads }   # becomes (tenant_id, lead_id) → leads (tenant_id, id)\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let fks = crate::check::Tables::new(project);
    let Some(tenancy) = &project.tenancy else { return };
    for (tier, t) in tables(project).filter(|(_, t)| t.is_scoped()) {
        for (c, cols, target, _) in fks.foreign_keys(tier, t) {
            if target.is_scoped() && !cols.contains(&tenancy.key) {
                let origin = cols.first().and_then(|c| t.column(c.as_str())).map(|c| c.origin).unwrap_or(c.origin);
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("`{}` → `{}` does not include `{}`: a row could point at another tenant's row", t.name, target.name, tenancy.key),
                    )
                    .at_origin(&origin)
                    .help(format!("reference `[{}, …]` → `{}({}, …)` with a composite foreign key", tenancy.key, target.name, tenancy.key)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn single_column_fk_between_tenants() {
        let t = "tables:\n  leads:\n    columns:\n      id: uuid\n    primary_key: [tenant_id, id]\n  calls:\n    columns:\n      id: uuid\n      lead_id: uuid\n      other_lead_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [lead_id], references: { table: leads, column: [id] } }\n      - { columns: [tenant_id, other_lead_id], references: { table: leads, column: [tenant_id, id] } }\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        assert_eq!(found(&files, "T103"), [(9, 7)]);
    }

    #[test]
    fn a_column_reference_carries_the_tenant_key() {
        let t = "tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\n  calls:\n    columns:\n      id: { type: uuid, primary_key: true }\n      lead_id: { type: uuid?, references: { table: leads, on_delete: set_null } }\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        let l = loaded(&files);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        let app = l.project.tier("app").expect("tier");
        let calls = app.schema.table("calls").expect("calls");
        let fk = calls
            .constraints
            .iter()
            .find_map(|c| match &c.kind {
                crate::model::ConstraintKind::ForeignKey { columns, ref_columns, delete_columns, references, .. }
                    if references.name == "leads" => Some((columns.clone(), ref_columns.clone(), delete_columns.clone())),
                _ => None,
            })
            .expect("fk to leads");
        let names = |v: &[crate::model::Ident]| v.iter().map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(names(&fk.0), ["tenant_id", "lead_id"]);
        assert_eq!(names(&fk.1), ["tenant_id", "id"]);
        assert_eq!(names(&fk.2), ["lead_id"]);
        let leads = app.schema.table("leads").expect("leads");
        assert!(leads.unique_keys().iter().any(|k| names(k) == ["tenant_id", "id"]));
    }
}
