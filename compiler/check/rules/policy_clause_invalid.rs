//! T107: a policy clause PostgreSQL does not allow for its command.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{PolicyCommand, Project};

pub const META: RuleMeta = RuleMeta {
    code: "T107",
    name: "policy-clause-invalid",
    severity: Severity::Error,
    summary: "An INSERT policy has `using`, a SELECT or DELETE policy has `with_check`, or a policy has neither.",
    why: "PostgreSQL rejects USING on INSERT policies and WITH CHECK on SELECT/DELETE policies when the migration runs. A policy with no expression at all is almost always a mistake.",
    bad: "policies:\n  own_rows: { command: insert, using: \"owner_id = current_user_id()\" }\n",
    good: "policies:\n  own_rows: { command: insert, with_check: \"owner_id = current_user_id()\" }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        for p in &t.policies {
            let problem = match (p.command, &p.using, &p.with_check) {
                (PolicyCommand::Insert, Some(_), _) => Some(("an INSERT policy cannot have `using`", "move the expression to `with_check`")),
                (PolicyCommand::Select | PolicyCommand::Delete, _, Some(_)) => {
                    Some(("a SELECT or DELETE policy cannot have `with_check`", "move the expression to `using`"))
                }
                (_, None, None) => Some(("the policy has neither `using` nor `with_check`", "add the condition rows must meet")),
                _ => None,
            };
            if let Some((msg, help)) = problem {
                diags.push(
                    Diagnostic::new(&META, format!("policy `{}` on `{}`: {msg}", p.name, t.name))
                        .at_origin(&p.origin)
                        .help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn insert_with_using() {
        let files = app("tables:\n  notes:\n    columns:\n      owner: text\n    policies:\n      bad: { command: insert, using: \"owner = current_user\" }\n      good: { command: insert, with_check: \"owner = current_user\" }\n");
        assert_eq!(found(&refs(&files), "T107"), [(6, 7)]);
    }
}
