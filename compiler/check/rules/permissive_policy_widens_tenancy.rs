//! T109: a permissive policy on a tenant-scoped table that does not filter
//! on the tenant, which PostgreSQL ORs with the tenant policy.

use crate::check::TenantFilter;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::load::tenancy::{BYPASS_POLICY, POLICY};
use crate::model::{Project, TenancyMode};

pub const META: RuleMeta = RuleMeta {
    code: "T109",
    name: "permissive-policy-widens-tenancy",
    severity: Severity::Error,
    summary: "A permissive policy on a tenant-scoped table does not compare the tenant key with the tenant setting.",
    why: "PostgreSQL grants a row when any permissive policy passes: a second permissive policy is ORed with the tenant policy, so a clause such as `status = 'published'` shows every tenant's published rows to every tenant. Policies that narrow access within a tenant must be `as: restrictive` (ANDed with the tenant policy); a permissive one must itself filter on the tenant key. A policy only for the declared `bypass_roles` is exempt.",
    bad: "tables:\n  posts:\n    columns:\n      id: { type: uuid, primary_key: true }\n      status: text\n    policies:\n      published: { command: select, using: \"status = 'published'\" }\n",
    good: "tables:\n  posts:\n    columns:\n      id: { type: uuid, primary_key: true }\n      status: text\n    policies:\n      published: { as: restrictive, command: select, using: \"status = 'published'\" }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let Some(tenancy) = &project.tenancy else {
        return;
    };
    for tier in &project.tiers {
        let schema = &tier.schema;
        let tenant = TenantFilter::new(tenancy, schema);
        for t in schema
            .tables
            .iter()
            .filter(|t| t.tenancy == TenancyMode::Scoped)
        {
            for p in &t.policies {
                if !p.permissive
                    || p.name.as_str() == POLICY
                    || p.name.as_str() == BYPASS_POLICY
                    || (!p.roles.is_empty()
                        && p.roles.iter().all(|r| tenancy.bypass_roles.contains(r)))
                {
                    continue;
                }
                let open = [&p.using, &p.with_check]
                    .into_iter()
                    .flatten()
                    .any(|c| !tenant.filters(c));
                if !open {
                    continue;
                }
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!(
                            "policy `{}` on tenant table `{}` is permissive and does not filter on `{}`: PostgreSQL ORs it with the tenant policy, so it shows rows of every tenant",
                            p.name, t.name, tenancy.key
                        ),
                    )
                    .at_origin(&p.origin)
                    .help(format!(
                        "write `as: restrictive` to narrow access within a tenant, or add `{} = current_setting('{}')::…` to the clause",
                        tenancy.key, tenancy.setting
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    fn tenant(tier_file: &str) -> Vec<(&'static str, String)> {
        vec![
            ("schemac.yaml", TENANT_PROJECT.to_string()),
            ("app/tenants.yaml", TENANTS.to_string()),
            ("app/t.yaml", tier_file.to_string()),
        ]
    }

    #[test]
    fn the_documented_examples_hold() {
        assert_eq!(found(&refs(&tenant(super::META.bad)), "T109"), [(7, 7)]);
        assert!(found(&refs(&tenant(super::META.good)), "T109").is_empty());
    }

    #[test]
    fn a_permissive_policy_that_filters_on_the_tenant_is_fine() {
        let t = "tables:\n  posts:\n    columns:\n      id: { type: uuid, primary_key: true }\n      status: text\n    policies:\n      open_mine: { command: select, using: \"tenant_id = current_setting('app.tenant')::uuid and status <> 'draft'\" }\n      half: { command: update, using: \"tenant_id = current_setting('app.tenant')::uuid\", with_check: \"true\" }\n";
        assert_eq!(found(&refs(&tenant(t)), "T109"), [(8, 7)]);
    }
}
