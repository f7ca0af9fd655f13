//! Y010: a file holds more than one YAML document.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y010",
    name: "multiple-documents",
    severity: Severity::Error,
    summary: "A file holds a second YAML document (after `---`).",
    why: "schemac reads one document per file. Tables written after a `---` line would otherwise be dropped without a word, and a migration would silently miss them.",
    bad: "tables:\n  users:\n    columns: { id: uuid }\n---\ntables:\n  teams:\n    columns: { id: uuid }\n",
    good: "tables:\n  users:\n    columns: { id: uuid }\n  teams:\n    columns: { id: uuid }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn second_document_is_an_error() {
        let files = app("tables:\n  users:\n    columns: { id: uuid }\n---\ntables: {}\n");
        assert_eq!(found(&refs(&files), "Y010"), [(4, 1)]);
    }
}
