//! S110: a role granted privileges on a tenant-scoped table owns the table,
//! and is not one of the tenancy's `bypass_roles`.

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "S110",
    name: "grant-to-bypass-role",
    severity: Severity::Error,
    summary: "A role granted privileges on a tenant-scoped table also owns it, and is not one of `tenancy.bypass_roles`.",
    why: "Row-level security holds a role to one tenant's rows only while the role is subject to it. The owner of a table may turn row security off for it (`ALTER TABLE … DISABLE ROW LEVEL SECURITY`), and without `FORCE` is not held by the policies at all; a superuser or a role with BYPASSRLS never is. Granting such a role access to a tenant table hands it every tenant's rows. A role meant to see all tenants belongs in `bypass_roles`, which gives it a policy of its own; any other role the application uses must own nothing. `apply`, `plan --db` and `verify` also refuse a granted role the server makes a superuser, gives BYPASSRLS, or lets own the table.",
    bad: "# schemac.yaml: tenancy: { root: app.tenants, setting: app.tenant }, roles: { app_user: {} }\ntables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\n    owner: app_user\n    grants:\n      app_user: [select, insert, update, delete]\n",
    good: "# schemac.yaml: tenancy: { root: app.tenants, setting: app.tenant }, roles: { app_user: {}, app_owner: {} }\ntables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\n    owner: app_owner\n    grants:\n      app_user: [select, insert, update, delete]\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let Some(tenancy) = &project.tenancy else {
        return;
    };
    for tier in &project.tiers {
        for t in tier.schema.tables.iter().filter(|t| t.is_scoped()) {
            let Some(owner) = t.owner.as_deref() else {
                continue;
            };
            if tenancy.bypass_roles.iter().any(|r| r == owner)
                || !t.grants.iter().any(|g| g.role == owner)
            {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "`{owner}` is granted privileges on tenant table `{}` and owns it: row-level security does not hold it to one tenant",
                        t.name
                    ),
                )
                .at_origin(&t.origin)
                .help(format!(
                    "let another role own `{}` (`owner:`), or list `{owner}` in `tenancy.bypass_roles` if it must see every tenant",
                    t.name
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    const PROJECT: &str = "project: t\nroles: { app_user: {}, app_owner: {} }\ntenancy:\n  root: app.tenants\n  setting: app.tenant\n  bypass_roles: [app_owner]\ntiers:\n  app: { database: app, owner: app_user }\n";

    #[test]
    fn an_owner_granted_on_a_tenant_table_is_refused_unless_it_bypasses() {
        let t = "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\n    grants:\n      app_user: select\n";
        assert_eq!(
            found(
                &[("schemac.yaml", PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)],
                "S110"
            ),
            [(2, 3)],
            "the tier's owner owns the table"
        );
        let owned = "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\n    owner: app_owner\n    grants:\n      app_owner: select\n      app_user: select\n";
        assert!(
            found(
                &[("schemac.yaml", PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", owned)],
                "S110"
            )
            .is_empty(),
            "a bypass role may own and be granted; app_user owns nothing here"
        );
    }
}
