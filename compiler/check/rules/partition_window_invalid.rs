//! P102: a time window that cannot be laid out.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "P102",
    name: "partition-window-invalid",
    severity: Severity::Error,
    summary: "A time-window partitioning has a missing or malformed `from`, a `from` that is not the start of a window, a bad `count`, or a `retention` that is not a whole number of windows.",
    why: "Children are laid out from `from` in whole windows so the same YAML always produces the same partitions; a misaligned start or a retention of `10 days` on weekly windows has no exact layout.",
    bad: "partition: { by: range(created), interval: month, from: 2025-01-15, retention: 10 weeks }\n",
    good: "partition: { by: range(created), interval: month, from: 2025-01, retention: 12 months }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn misaligned_and_uneven() {
        let files = app("tables:\n  events:\n    columns:\n      created: timestamptz\n    partition: { by: range(created), interval: month, from: 2025-01-15 }\n  logs:\n    columns:\n      created: timestamptz\n    partition: { by: range(created), interval: week, from: 2025-01-06, retention: 10 days }\n");
        assert_eq!(found(&refs(&files), "P102"), [(5, 61), (9, 83)]);
    }

    #[test]
    fn windows_expand_to_children() {
        let files = app("tables:\n  events:\n    columns:\n      created: timestamptz\n    partition: { by: range(created), interval: month, from: 2025-11, count: 3, default: true }\n");
        let l = loaded(&refs(&files));
        let t = &l.project.tiers[0].schema.tables[0];
        let names: Vec<&str> = t.partitions.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["events_2025_11", "events_2025_12", "events_2026_01", "events_default"]);
    }
}
