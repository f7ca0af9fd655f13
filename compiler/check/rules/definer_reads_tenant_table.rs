//! S102: a SECURITY DEFINER function reads a tenant-scoped table without
//! filtering on the tenant setting.

use crate::check::TenantFilter;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, TenancyMode, sql};

pub const META: RuleMeta = RuleMeta {
    code: "S102",
    name: "definer-reads-tenant-table",
    severity: Severity::Error,
    summary: "A `security: definer` function names a tenant-scoped table and does not compare the tenant key with the tenant setting.",
    why: "A security definer function runs as its owner. When the owner owns the table (the usual case: the migration role creates both), row-level security does not apply to it unless forced, and a function owned by a role with BYPASSRLS skips it always. Such a function returns or changes every tenant's rows to whoever may call it. It must filter on the tenant itself: compare the tenant key with the setting the policies read.",
    bad: "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\nfunctions:\n  project_count:\n    returns: bigint\n    security: definer\n    set: { search_path: \"pg_catalog, public\" }\n    body: select count(*) from projects\n",
    good: "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\nfunctions:\n  project_count:\n    returns: bigint\n    security: definer\n    set: { search_path: \"pg_catalog, public\" }\n    body: select count(*) from projects where tenant_id = current_setting('app.tenant')::uuid\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let Some(tenancy) = &project.tenancy else {
        return;
    };
    for tier in &project.tiers {
        let schema = &tier.schema;
        let tenant = TenantFilter::new(tenancy, schema);
        for f in schema.functions.iter().filter(|f| f.security_definer) {
            let words = sql::words(&f.body).unwrap_or_default();
            let scoped: Vec<&str> = words
                .iter()
                .filter(|w| !w.call)
                .filter_map(|w| {
                    schema
                        .table(&w.text)
                        .filter(|t| t.tenancy == TenancyMode::Scoped)
                        .map(|t| t.name.as_str())
                })
                .collect();
            let Some(table) = scoped.first() else {
                continue;
            };
            if tenant.filters(&f.body) {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "`{}` runs as its owner and reads the tenant table `{table}` without filtering on `{}`",
                        f.signature(),
                        tenancy.key
                    ),
                )
                .at_origin(&f.origin)
                .help(format!(
                    "filter on `{} = current_setting('{}')::…`, or make it `security: invoker` so row-level security applies",
                    tenancy.key, tenancy.setting
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn definer_reading_tenant_rows() {
        let t = "tables:\n  projects:\n    columns:\n      id: { type: uuid, primary_key: true }\nfunctions:\n  bad:\n    returns: bigint\n    security: definer\n    set: { search_path: pg_catalog }\n    body: select count(*) from projects\n  good:\n    returns: bigint\n    security: definer\n    set: { search_path: pg_catalog }\n    body: select count(*) from projects where tenant_id = current_setting('app.tenant')::uuid\n  invoker:\n    returns: bigint\n    body: select count(*) from projects\n";
        let files = [
            ("schemac.yaml", TENANT_PROJECT),
            ("app/tenants.yaml", TENANTS),
            ("app/p.yaml", t),
        ];
        assert_eq!(found(&files, "S102"), [(6, 3)]);
    }
}
