//! D102: a domain whose base type is itself, directly or through others.

use crate::diag::{RuleMeta, Severity};

/// Raised by the loader while it orders a tier's domains.
pub const META: RuleMeta = RuleMeta {
    code: "D102",
    name: "domain-cycle",
    severity: Severity::Error,
    summary: "A domain is declared over itself, directly or through other domains.",
    why: "A domain's base type must exist before the domain: PostgreSQL cannot create `a` over `b` and `b` over `a`, so no order of `CREATE DOMAIN` statements would succeed.",
    bad: "domains:\n  a: { type: b }\n  b: { type: a }\n",
    good: "domains:\n  a: { type: text }\n  b: { type: a }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn a_circle_of_domains_is_reported_once_per_member() {
        let files = app(
            "domains:\n  a: { type: b }\n  b: { type: a }\n  c: { type: c }\n  d: { type: e }\n  e: { type: text }\n",
        );
        assert_eq!(found(&refs(&files), "D102"), [(2, 3), (3, 3), (4, 3)]);
        assert!(found(&refs(&files), "R103").is_empty());
    }
}
