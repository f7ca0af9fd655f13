//! P104: `refresh: concurrently` without a unique index.

use crate::check::views;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "P104",
    name: "refresh-needs-unique",
    severity: Severity::Error,
    summary: "A materialized view is refreshed concurrently but has no unique, non-partial index on plain columns.",
    why: "`REFRESH MATERIALIZED VIEW CONCURRENTLY` needs such an index to match old and new rows and fails without one — at 3 a.m., in the refresh job, long after the migration passed review.",
    bad: "views:\n  totals:\n    materialized: true\n    refresh: concurrently\n    sql: select campaign_id, count(*) from sends group by 1\n",
    good: "views:\n  totals:\n    materialized: true\n    refresh: concurrently\n    sql: select campaign_id, count(*) from sends group by 1\n    indexes:\n      - { columns: [campaign_id], unique: true }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, v) in views(project).filter(|(_, v)| v.materialized && v.refresh_concurrently) {
        let ok = v.indexes.iter().any(|i| i.unique && i.predicate.is_none() && i.key_columns().count() == i.keys.len());
        if !ok {
            diags.push(
                Diagnostic::new(&META, format!("materialized view `{}` is refreshed concurrently but has no unique index", v.name))
                    .at_origin(&v.origin)
                    .help("add `indexes: [{ columns: [<key columns>], unique: true }]`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn concurrent_refresh_without_unique() {
        let files = app("tables:\n  sends:\n    columns: { campaign_id: uuid }\nviews:\n  totals:\n    materialized: true\n    refresh: concurrently\n    sql: select campaign_id, count(*) from sends group by 1\n");
        assert_eq!(found(&refs(&files), "P104"), [(5, 3)]);
    }
}
