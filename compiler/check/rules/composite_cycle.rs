//! D104: a composite type that contains itself, directly or through others.

use crate::diag::{RuleMeta, Severity};

/// Raised by the loader while it orders a tier's composite types.
pub const META: RuleMeta = RuleMeta {
    code: "D104",
    name: "composite-cycle",
    severity: Severity::Error,
    summary: "A composite type contains itself, directly or through other composites.",
    why: "PostgreSQL refuses a composite type that is a member of itself (`composite type cannot be made a member of itself`), and no order of `CREATE TYPE` statements creates two composites that hold each other.",
    bad: "types:\n  node:\n    attributes: { label: text, parent: node }\n",
    good: "types:\n  node:\n    attributes: { label: text, parent_id: bigint }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn a_composite_holding_itself_is_reported() {
        let files = app(
            "types:\n  a: { attributes: { x: b } }\n  b: { attributes: { y: 'a[]' } }\n  c: { attributes: { z: c } }\n  d: { attributes: { w: e } }\n  e: { attributes: { v: text } }\n",
        );
        assert_eq!(found(&refs(&files), "D104"), [(2, 3), (3, 3), (4, 3)]);
        assert!(found(&refs(&files), "R103").is_empty());
    }
}
