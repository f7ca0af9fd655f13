//! Y001: the file is not valid YAML.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y001",
    name: "yaml-syntax",
    severity: Severity::Error,
    summary: "The file is not valid YAML.",
    why: "Nothing in a file that does not parse can be compiled; schemac points at the position where the parser gave up so the rest of the project can still be checked.",
    bad: "tables:\n  users:\n    columns: [id, email\n",
    good: "tables:\n  users:\n    columns:\n      id: uuid\n      email: text\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn points_at_the_syntax_error() {
        let files = app("tables:\n  users:\n    columns: [id\n  x: 1\n");
        assert_eq!(found(&refs(&files), "Y001"), [(4, 4)]);
    }
}
