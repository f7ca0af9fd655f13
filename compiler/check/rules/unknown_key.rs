//! Y003: a key schemac does not know.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y003",
    name: "unknown-key",
    severity: Severity::Error,
    summary: "A key that schemac does not know, usually a typo.",
    why: "A misspelt key (`nulable: true`) would otherwise be ignored and the column silently created NOT NULL. Every key is checked; the hint names the closest known key.",
    bad: "columns:\n  deleted: { type: timestamptz, nulable: true }\n",
    good: "columns:\n  deleted: { type: timestamptz, nullable: true }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn typo_gets_a_suggestion() {
        let files = app("tables:\n  users:\n    columns:\n      id: { type: uuid, primary_key: true, nulable: true }\n");
        let d = diagnostics(&refs(&files));
        let y = d.iter().find(|d| d.code == "Y003").expect("Y003");
        assert_eq!(y.help.as_deref(), Some("did you mean `nullable`?"));
        assert_eq!(y.span.map(|s| (s.line, s.col)), Some((4, 44)));
    }

    #[test]
    fn every_unknown_key_is_reported() {
        let files = app("tables:\n  users:\n    colums: {}\n    indexs: []\n");
        assert_eq!(found(&refs(&files), "Y003").len(), 2);
    }
}
