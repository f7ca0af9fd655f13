//! R101: a reference to a table that does not exist.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "R101",
    name: "unknown-table",
    severity: Severity::Error,
    summary: "A reference names a table that no tier declares.",
    why: "A foreign key to a missing table fails when the migration runs; a soft reference to one documents nothing. The hint suggests the closest name, or the tier where a table of that name lives.",
    bad: "columns:\n  campaign_id: { type: uuid, references: campaign }\n",
    good: "columns:\n  campaign_id: { type: uuid, references: campaigns }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn typo_in_reference() {
        let files = app("tables:\n  campaigns:\n    columns:\n      id: { type: uuid, primary_key: true }\n  leads:\n    columns:\n      campaign_id: { type: uuid, references: campaign }\n");
        let d = diagnostics(&refs(&files));
        let r = d.iter().find(|d| d.code == "R101").expect("R101");
        assert_eq!(r.span.map(|s| (s.line, s.col)), Some((7, 46)));
        assert_eq!(r.help.as_deref(), Some("did you mean `campaigns`?"));
    }
}
