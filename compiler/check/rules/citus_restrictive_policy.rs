//! C110: a restrictive policy on a table Citus holds.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "C110",
    name: "citus-restrictive-policy",
    severity: Severity::Error,
    summary: "A distributed or reference table has a restrictive row-level security policy.",
    why: "Citus 13 creates a table's policies on its shards from its own deparser, which leaves out `AS RESTRICTIVE`: on the workers, where queries run, the policy is permissive. Instead of narrowing what a tenant sees it is OR-ed with the tenant policy, and every row it admits becomes visible to every tenant (verified on Citus 13.2.2: a restrictive `owner_id is null or …` policy showed one dealership's rows to another).",
    bad: "tables:\n  deals:\n    columns:\n      id: uuid\n      owner: text?\n    primary_key: [tenant_id, id]\n    policies:\n      deals_own:\n        as: restrictive\n        command: select\n        using: \"owner is null or owner = current_setting('app.user', true)\"\n",
    good: "tables:\n  deals:\n    columns:\n      id: uuid\n      owner: text?\n    primary_key: [tenant_id, id]\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t, d) in citus_tables(project) {
        if !d.is_citus() {
            continue;
        }
        let partitions = t.all_partitions();
        let mut seen: Vec<&str> = Vec::new();
        for p in t
            .policies
            .iter()
            .chain(partitions.iter().flat_map(|p| p.policies.iter()))
            .filter(|p| !p.permissive)
        {
            if seen.contains(&p.name.as_str()) {
                continue;
            }
            seen.push(p.name.as_str());
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "restrictive policy `{}` of {} `{}` becomes permissive on the shards",
                        p.name,
                        d.word(),
                        t.name
                    ),
                )
                .at_origin(&p.origin)
                .help("narrow access in the application or in a view; on Citus a policy can only widen it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn examples() {
        citus_examples(&super::META);
    }
}
