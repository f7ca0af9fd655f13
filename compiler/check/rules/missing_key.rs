//! Y005: a required key is missing.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y005",
    name: "missing-key",
    severity: Severity::Error,
    summary: "A required key is missing (a column without `type`, a table without `columns`).",
    why: "schemac does not guess types or structure; what PostgreSQL needs must be written.",
    bad: "columns:\n  email: { unique: true }\n",
    good: "columns:\n  email: { type: text, unique: true }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn column_without_type() {
        let files = app("tables:\n  users:\n    columns:\n      email: { unique: true }\n");
        assert_eq!(found(&refs(&files), "Y005"), [(4, 14)]);
    }
}
