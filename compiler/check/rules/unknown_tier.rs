//! R109: a `tier:` key naming no declared tier.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "R109",
    name: "unknown-tier",
    severity: Severity::Error,
    summary: "A file's `tier:` names a tier that schemac.yaml does not declare.",
    why: "Its tables would land in no database. Tiers are declared once, in schemac.yaml, with their database.",
    bad: "tier: olpt\ntables: {}\n",
    good: "tier: oltp\ntables: {}\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn misspelt_tier() {
        let files = [("schemac.yaml", PROJECT), ("x.yaml", "tier: ap\ntables: {}\n")];
        let d = diagnostics(&files);
        let r = d.iter().find(|d| d.code == "R109").expect("R109");
        assert_eq!(r.help.as_deref(), Some("did you mean `app`?"));
    }
}
