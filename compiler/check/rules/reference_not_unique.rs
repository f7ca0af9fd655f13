//! R110: a foreign key to columns without a unique key.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "R110",
    name: "reference-not-unique",
    severity: Severity::Error,
    summary: "A foreign key references columns that are not the primary key or a unique key of the target table.",
    why: "PostgreSQL requires a unique constraint (or unique, non-partial index) on exactly the referenced columns and rejects the foreign key otherwise.",
    bad: "columns:\n  owner_email: { type: text, references: users.email }   # users.email not unique\n",
    good: "# in users: email: { type: text, unique: true }\ncolumns:\n  owner_email: { type: text, references: users.email }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let fks = crate::check::Tables::new(project);
    for (tier, t) in tables(project) {
        for (c, _, target, ref_cols) in fks.foreign_keys(tier, t) {
            let mut want: Vec<&str> = ref_cols.iter().map(|c| c.as_str()).collect();
            want.sort_unstable();
            let unique = target.unique_keys().iter().any(|k| {
                let mut have: Vec<&str> = k.iter().map(|c| c.as_str()).collect();
                have.sort_unstable();
                have == want
            });
            let deferrable_only = !unique
                && target.constraints.iter().any(|k| match &k.kind {
                    crate::model::ConstraintKind::Unique { columns, .. } => {
                        let mut have: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
                        have.sort_unstable();
                        have == want
                    }
                    _ => false,
                });
            if deferrable_only {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("`{}({})` is a deferrable unique key, which a foreign key cannot reference", target.name, want.join(", ")),
                    )
                    .at_origin(&c.origin)
                    .label(target.origin.span(), "target table declared here")
                    .help("reference the primary key, or add a non-deferrable unique key on the same columns"),
                );
            } else if !unique {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("`{}({})` is not a primary or unique key", target.name, want.join(", ")),
                    )
                    .at_origin(&c.origin)
                    .label(target.origin.span(), "target table declared here")
                    .help(format!("add `unique: [{}]` to `{}`", want.join(", "), target.name)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn non_unique_target() {
        let files = app("tables:\n  users:\n    columns:\n      id: { type: uuid, primary_key: true }\n      email: text\n  notes:\n    columns:\n      owner_email: { type: text, references: users.email }\n      owner_id: { type: uuid, references: users }\n");
        assert_eq!(found(&refs(&files), "R110"), [(8, 46)]);
    }

    #[test]
    fn deferrable_target() {
        let files = app("tables:\n  steps:\n    columns:\n      id: { type: uuid, primary_key: true }\n      position: integer\n    unique:\n      - { columns: [position], deferrable: initially_deferred }\n  notes:\n    columns:\n      step_position: { type: integer, references: steps.position }\n");
        let d = diagnostics(&refs(&files));
        let r = d.iter().find(|d| d.code == "R110").expect("R110");
        assert!(r.message.contains("deferrable"), "{}", r.message);
    }
}
