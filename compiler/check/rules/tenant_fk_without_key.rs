//! T103: a foreign key between tenant tables that does not carry the tenant.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "T103",
    name: "tenant-fk-without-key",
    severity: Severity::Warning,
    summary: "A foreign key from one tenant-scoped table to another does not include the tenant key.",
    why: "Foreign keys are checked below RLS. With `lead_id → leads(id)` alone, tenant A can insert a row pointing at tenant B's lead: the key exists, so PostgreSQL accepts it. A composite key `(tenant_id, lead_id) → leads(tenant_id, id)` makes cross-tenant links impossible.",
    bad: "columns:\n  lead_id: { type: uuid, references: leads }\n",
    good: "columns:\n  lead_id: uuid\nforeign_keys:\n  - { columns: [tenant_id, lead_id], references: { table: leads, column: [tenant_id, id] } }\n",
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
}
