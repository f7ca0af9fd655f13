//! Y006: a YAML file that belongs to no tier.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y006",
    name: "orphan-file",
    severity: Severity::Error,
    summary: "A schema file is neither in a folder named after a tier nor has a `tier:` key.",
    why: "Every table must land in exactly one database. A file outside any tier folder would otherwise be ignored, and its tables never created.",
    bad: "# misc/users.yaml (no tier called misc)\ntables:\n  users:\n    columns: { id: uuid }\n",
    good: "# oltp/users.yaml, or any path with:\ntier: oltp\ntables:\n  users:\n    columns: { id: uuid }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn file_outside_tiers() {
        let files = [("schemac.yaml", PROJECT), ("misc/users.yaml", "tables: {}\n")];
        assert_eq!(found(&files, "Y006"), [(1, 1)]);
    }
}
