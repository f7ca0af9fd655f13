//! P103: a partitioning that cannot be built.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "P103",
    name: "partition-spec-invalid",
    severity: Severity::Error,
    summary: "`partition:` has an unreadable `by`, list partitioning without values, hash without modulus, a value in two lists, a default on hash partitioning, or more than one level of `then`.",
    why: "Each of these is rejected by PostgreSQL or leaves rows with nowhere to go. Seeds/004 CRIT-3 describes month-then-queue-type partitioning that existed only on paper; schemac makes the layout concrete and checks it.",
    bad: "partition: { by: list(queue), values: { email: [send], bulk: [send] } }\n",
    good: "partition: { by: list(queue), values: { email: [send], bulk: [bulk-send] }, default: true }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn duplicate_list_value() {
        let files = app("tables:\n  jobs:\n    columns:\n      queue: text\n    partition: { by: list(queue), values: { email: [send], bulk: [send] } }\n");
        assert_eq!(found(&refs(&files), "P103"), [(5, 67)]);
    }

    #[test]
    fn hash_without_modulus() {
        let files = app("tables:\n  jobs:\n    columns:\n      id: uuid\n    partition: { by: hash(id) }\n");
        assert_eq!(found(&refs(&files), "P103").len(), 1);
    }

    #[test]
    fn month_then_list() {
        let files = app("tables:\n  jobs:\n    columns:\n      queue: text\n      created: timestamptz\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 2\n      then: { by: list(queue), values: { email: [send] }, default: true }\n");
        let l = loaded(&refs(&files));
        let t = &l.project.tiers[0].schema.tables[0];
        let names: Vec<&str> = t.all_partitions().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["jobs_2025_01", "jobs_2025_01_email", "jobs_2025_01_default", "jobs_2025_02", "jobs_2025_02_email", "jobs_2025_02_default"]);
    }
}
