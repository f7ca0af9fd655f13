//! T105: a materialized view over tenant tables.

use crate::check::views;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

use super::view_bypasses_rls::scoped_sources;

pub const META: RuleMeta = RuleMeta {
    code: "T105",
    name: "matview-over-tenant",
    severity: Severity::Warning,
    summary: "A materialized view stores rows of tenant-scoped tables.",
    why: "Row-level security does not apply to materialized views: the rows are computed once, by the refreshing role, and every reader sees all of them. Keep such views away from tenant-facing roles (grant them only to reporting roles), or aggregate away tenant detail.",
    bad: "views:\n  campaign_totals:\n    materialized: true\n    sql: select tenant_id, campaign_id, count(*) from sends group by 1, 2\n",
    good: "# read per tenant through a regular (security_invoker) view, or restrict grants on the matview\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (tier, v) in views(project).filter(|(_, v)| v.materialized) {
        let sources = scoped_sources(&tier.schema, v);
        if !sources.is_empty() {
            diags.push(
                Diagnostic::new(&META, format!("materialized view `{}` stores rows of tenant tables ({}); RLS does not apply to it", v.name, sources.join(", ")))
                    .at_origin(&v.origin)
                    .help("grant it only to roles allowed to see every tenant, or serve tenants through a regular view"),
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
