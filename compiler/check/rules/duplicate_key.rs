//! Y002: a mapping repeats a key.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y002",
    name: "duplicate-key",
    severity: Severity::Error,
    summary: "A YAML mapping repeats a key.",
    why: "Many YAML loaders silently keep the last of two equal keys, so a column or table declared twice disappears without a word. schemac refuses the file instead.",
    bad: "tables:\n  users:\n    columns:\n      email: text\n      email: citext\n",
    good: "tables:\n  users:\n    columns:\n      email: text\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn repeated_column_is_an_error() {
        let files = app("tables:\n  users:\n    columns:\n      email: text\n      email: text\n");
        assert_eq!(found(&refs(&files), "Y002"), [(5, 7)]);
    }
}
