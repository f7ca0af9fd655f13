//! C107: partitioning Citus cannot distribute.

use crate::check::citus_tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Distribution, Project};

pub const META: RuleMeta = RuleMeta {
    code: "C107",
    name: "citus-partitioning-unsupported",
    severity: Severity::Error,
    summary: "A distributed table is partitioned on more than one level, or a reference table is partitioned at all.",
    why: "Citus distributes a partitioned table with each of its partitions, one level deep only (\"distributing multi-level partitioned tables is not supported\"), and only by hash: a partitioned reference table is refused (\"distributing partitioned tables in only supported for hash-distributed tables\").",
    bad: "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      then: { by: list(queue), values: { mail: [mail], sync: [sync] } }\n",
    good: "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01 }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t, d) in citus_tables(project) {
        let Some(p) = &t.partitioning else { continue };
        let message = match d {
            Distribution::Distributed { .. }
                if p.sub.is_some() || t.all_partitions().iter().any(|c| c.partitioning.is_some()) =>
            {
                format!("distributed `{}` is partitioned on two levels", t.name)
            }
            Distribution::Reference => format!("reference table `{}` is partitioned", t.name),
            _ => continue,
        };
        let help = match d {
            Distribution::Reference => "partition only tenant tables, or keep the table `distribution: local`",
            _ => "partition on one level (the tenant key already spreads rows over the shards)",
        };
        diags.push(
            Diagnostic::new(&META, message)
                .at_origin(&t.origin)
                .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn examples() {
        citus_examples(&super::META);
    }

    #[test]
    fn partitioned_reference_tables_are_refused() {
        let files = citus(
            "tables:\n  rates:\n    tenancy: global\n    columns:\n      day: date\n      rate: numeric\n    partition: { by: range(day), interval: year, from: 2025-01 }\n",
        );
        assert_eq!(found(&refs(&files), "C107").len(), 1);
    }
}
