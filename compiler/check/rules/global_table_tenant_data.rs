//! T108: a global table without RLS that holds per-tenant rows.

use crate::check::{Tables, tables};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "T108",
    name: "global-table-tenant-data",
    severity: Severity::Warning,
    summary: "A global table references the tenant root (or carries the tenant key) but has no row-level security.",
    why: "A global table is readable in full by every tenant's session. One whose rows belong to tenants — it points at the tenant root — shows every tenant's rows to every other tenant unless policies of its own (`rls: true` and `policies:`) say who sees what.",
    bad: "tables:\n  tenant_users:\n    tenancy: global\n    columns:\n      tenant_id: { type: uuid, references: tenants }\n      user_id: uuid\n",
    good: "tables:\n  tenant_users:\n    tenancy: global\n    rls: true\n    policies:\n      own_tenant: { using: \"tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid\" }\n    columns:\n      tenant_id: { type: uuid, references: tenants }\n      user_id: uuid\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let Some(t) = &project.tenancy else { return };
    let fks = Tables::new(project);
    for (tier, table) in tables(project) {
        if table.is_scoped() || table.rls.enabled || (tier.name == t.root_tier && table.name == t.root_table) {
            continue;
        }
        let to_root = fks
            .foreign_keys(tier, table)
            .any(|(_, _, target, _)| target.name == t.root_table)
            || table.soft_references.iter().any(|s| s.table == t.root_table && s.tier == t.root_tier);
        if to_root || table.column(t.key.as_str()).is_some() {
            diags.push(
                Diagnostic::new(&META, format!("global table `{}` holds rows of tenants (it refers to `{}`), and every tenant's session reads all of them", table.name, t.root_table))
                    .at_origin(&table.origin)
                    .help("make it tenant-scoped, or add `rls: true` with policies saying who sees which rows"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn global_table_pointing_at_tenants() {
        let t = "tables:\n  memberships:\n    tenancy: global\n    columns:\n      tenant_id: { type: uuid, references: tenants }\n      user_id: uuid\n  memberships_ok:\n    tenancy: global\n    rls: true\n    columns:\n      tenant_id: { type: uuid, references: tenants }\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        assert_eq!(found(&files, "T108"), [(2, 3)]);
    }
}
