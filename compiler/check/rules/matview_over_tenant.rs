//! T105: a materialized view over tenant tables.

use crate::check::views;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

use super::view_bypasses_rls::scoped_sources;

pub const META: RuleMeta = RuleMeta {
    code: "T105",
    name: "matview-over-tenant",
    severity: Severity::Error,
    summary: "A materialized view stores rows of tenant-scoped tables.",
    why: "Row-level security does not apply to materialized views: any role granted SELECT on one (`GRANT SELECT ON ALL TABLES IN SCHEMA` grants it too) reads every tenant's rows. What it stores is decided by whoever refreshes it: REFRESH runs as the view's owner, so under FORCE ROW LEVEL SECURITY an owner refreshing with no tenant set stores no rows at all, and one refreshing with tenant A set stores A's rows for everyone to read. Serve tenants through a regular view (security_invoker, the default), which RLS filters for each reader.",
    bad: "views:\n  campaign_totals:\n    materialized: true\n    sql: select tenant_id, campaign_id, count(*) from sends group by 1, 2\n",
    good: "views:\n  campaign_totals:\n    sql: select tenant_id, campaign_id, count(*) from sends group by 1, 2\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (tier, v) in views(project).filter(|(_, v)| v.materialized) {
        let sources = scoped_sources(&tier.schema, v);
        if !sources.is_empty() {
            diags.push(
                Diagnostic::new(&META, format!("materialized view `{}` stores rows of tenant tables ({}); RLS does not apply to it", v.name, sources.join(", ")))
                    .at_origin(&v.origin)
                    .help("make it a regular view (drop `materialized: true`): RLS then filters it for every reader; `schemac verify` reports a materialized view the application role can read"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn matview_over_scoped() {
        let t = "tables:\n  leads:\n    columns:\n      id: { type: uuid, primary_key: true }\nviews:\n  lead_totals:\n    materialized: true\n    sql: select tenant_id, count(*) from leads group by 1\n";
        let files = [("schemac.yaml", TENANT_PROJECT), ("app/tenants.yaml", TENANTS), ("app/t.yaml", t)];
        assert_eq!(found(&files, "T105"), [(6, 3)]);
    }
}
