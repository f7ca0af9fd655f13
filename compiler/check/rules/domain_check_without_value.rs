//! D103: a domain check that never mentions `VALUE`.

use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, sql};

pub const META: RuleMeta = RuleMeta {
    code: "D103",
    name: "domain-check-without-value",
    severity: Severity::Error,
    summary: "A domain check does not test `VALUE`, the value being checked.",
    why: "In a domain's CHECK the value is called `VALUE`; a domain knows no columns. A check naming a column (`email ~ '@'`) is refused by PostgreSQL (\"column does not exist\"), and one naming nothing checks nothing.",
    bad: "domains:\n  email_address:\n    type: text\n    checks: { has_at: \"email ~ '@'\" }\n",
    good: "domains:\n  email_address:\n    type: text\n    checks: { has_at: \"value ~ '@'\" }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for tier in &project.tiers {
        for d in &tier.schema.domains {
            for c in &d.checks {
                let Ok(words) = sql::words(&c.expr) else {
                    continue;
                };
                let value = words.iter().any(|w| {
                    !w.call && !w.member && !w.quoted && w.text.eq_ignore_ascii_case("value")
                });
                if !value {
                    diags.push(
                        Diagnostic::new(
                            &META,
                            format!(
                                "check `{}` of domain `{}` does not mention VALUE",
                                c.name, d.name
                            ),
                        )
                        .at_origin(&c.origin)
                        .help("write the condition on `value`, e.g. `value ~ '@'`"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn checks_must_test_value() {
        let files = app(
            "domains:\n  email:\n    type: text\n    checks:\n      ok: \"VALUE ~ '@'\"\n      column: \"email ~ '@'\"\n      constant: \"1 > 0\"\n      lower: \"lower(value) = value\"\n",
        );
        assert_eq!(found(&refs(&files), "D103"), [(6, 7), (7, 7)]);
    }
}
