//! R103: a column type PostgreSQL will not know.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "R103",
    name: "unknown-type",
    severity: Severity::Error,
    summary: "A column type is neither built in, an enum of the tier, nor provided by a declared extension — or its modifiers are invalid.",
    why: "Types are resolved at compile time so that `timestmap`, `varchar(x)` or a `citext` column without the citext extension fail here, not in production.",
    bad: "columns:\n  email: citext\n  sent: timestmap\n",
    good: "extensions: [citext]\ntables:\n  users:\n    columns:\n      email: citext\n      sent: timestamptz\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn typos_and_missing_extensions() {
        let files = app("tables:\n  users:\n    columns:\n      email: citext\n      sent: timestmap\n      name: varchar(x)\n");
        let d = diagnostics(&refs(&files));
        let r: Vec<_> = d.iter().filter(|d| d.code == "R103").collect();
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].help.as_deref(), Some("add `extensions: [citext]` to a file of this tier"));
        assert_eq!(r[1].help.as_deref(), Some("did you mean `timestamp`?"));
    }

    #[test]
    fn composite_attributes_and_range_subtypes_are_types() {
        let files = app("types:\n  spot:\n    attributes: { lat: float8, tag: lable }\n  span:\n    range: { subtype: nosuch }\n  hours:\n    range: { subtype: float8, subtype_diff: \"drop table x\" }\n");
        assert_eq!(found(&refs(&files), "R103"), [(3, 37), (5, 23)]);
        assert_eq!(found(&refs(&files), "Y004"), [(7, 45)]);
    }

    #[test]
    fn a_multirange_name_shares_the_namespace_of_tables() {
        let files = app("types:\n  price_range:\n    range: { subtype: numeric }\ntables:\n  price_multirange:\n    columns: { id: uuid }\n");
        assert_eq!(found(&refs(&files), "R105"), [(5, 3)]);
    }

    #[test]
    fn enums_and_extensions_resolve() {
        let files = app("extensions: [citext]\nenums:\n  mood: [happy, sad]\ntables:\n  users:\n    columns:\n      email: citext\n      mood: mood\n      moods: mood[]\n");
        assert!(found(&refs(&files), "R103").is_empty());
    }
}
