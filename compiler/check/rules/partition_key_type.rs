//! P105: time windows over a column that is not a date or timestamp.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "P105",
    name: "partition-key-type",
    severity: Severity::Error,
    summary: "`interval:` time windows are declared on a partition key that is not `date`, `timestamp` or `timestamptz`.",
    why: "Window bounds are dates; on any other type the bounds cannot be written and upkeep cannot compute the next window.",
    bad: "columns:\n  day_number: integer\npartition: { by: range(day_number), interval: day, from: 2025-01-01 }\n",
    good: "columns:\n  day: date\npartition: { by: range(day), interval: day, from: 2025-01-01 }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn integer_key_with_window() {
        let files = app("tables:\n  stats:\n    columns:\n      n: integer\n    partition: { by: range(n), interval: day, from: 2025-01-01 }\n");
        assert_eq!(found(&refs(&files), "P105"), [(5, 42)]);
    }
}
