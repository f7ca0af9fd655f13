//! C108: a policy of a Citus table that runs a subquery.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Policy, Project, sql};

pub const META: RuleMeta = RuleMeta {
    code: "C108",
    name: "citus-policy-subquery",
    severity: Severity::Error,
    summary: "A row-level security policy of a distributed or reference table reads another table through a subquery.",
    why: "Citus evaluates a policy inside each shard on the workers, where a subquery over another distributed or reference table cannot be planned: creating the policy fails (\"unexpected non-SELECT command in SubLink\"). Compare columns of the row itself with session settings instead.",
    bad: "tables:\n  companies:\n    columns:\n      id: uuid\n      live: boolean\n    primary_key: [tenant_id, id]\n  campaigns:\n    columns:\n      id: uuid\n      company_id: uuid\n    primary_key: [tenant_id, id]\n    policies:\n      live_companies:\n        command: select\n        using: \"tenant_id = current_setting('app.tenant')::uuid and exists (select 1 from companies c where c.id = company_id and c.live)\"\n",
    good: "tables:\n  campaigns:\n    columns:\n      id: uuid\n      owner: text\n    primary_key: [tenant_id, id]\n    policies:\n      own_campaigns:\n        command: select\n        using: \"tenant_id = current_setting('app.tenant')::uuid and owner = current_setting('app.user', true)\"\n",
};

fn has_subquery(p: &Policy) -> bool {
    p.using
        .iter()
        .chain(p.with_check.iter())
        .any(|e| sql::words(e).unwrap_or_default().iter().any(|w| !w.quoted && w.text == "select"))
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t, d) in citus_tables(project) {
        if !d.is_citus() {
            continue;
        }
        let partitions = t.all_partitions();
        let policies = t
            .policies
            .iter()
            .chain(partitions.iter().flat_map(|p| p.policies.iter()));
        let mut seen: Vec<&str> = Vec::new();
        for p in policies.filter(|p| has_subquery(p)) {
            if seen.contains(&p.name.as_str()) {
                continue;
            }
            seen.push(p.name.as_str());
            diags.push(
                Diagnostic::new(
                    &META,
                    format!(
                        "policy `{}` of {} `{}` runs a subquery",
                        p.name,
                        d.word(),
                        t.name
                    ),
                )
                .at_origin(&p.origin)
                .help("compare the row's own columns with session settings (`current_setting(…)`), without reading other tables"),
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
