//! R113: a logged table's foreign key to an unlogged table.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::Project;

pub const META: RuleMeta = RuleMeta {
    code: "R113",
    name: "fk-to-unlogged",
    severity: Severity::Error,
    summary: "A foreign key of a regular (logged) table references an `unlogged: true` table.",
    why: "An unlogged table is emptied after a crash, which would leave the logged rows that reference it dangling, so PostgreSQL refuses the constraint (\"constraints on permanent tables may reference only permanent tables\"). The reverse, an unlogged table referencing a logged one, is allowed.",
    bad: "tables:\n  sessions:\n    unlogged: true\n    columns:\n      id: { type: uuid, primary_key: true }\n  audit:\n    columns:\n      session_id: { type: uuid, references: sessions }\n",
    good: "tables:\n  sessions:\n    unlogged: true\n    columns:\n      id: { type: uuid, primary_key: true }\n  audit:\n    unlogged: true\n    columns:\n      session_id: { type: uuid, references: sessions }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let fks = crate::check::Tables::new(project);
    for (tier, t) in tables(project) {
        if t.unlogged {
            continue;
        }
        for (c, _, target, _) in fks.foreign_keys(tier, t) {
            if target.unlogged {
                diags.push(
                    Diagnostic::new(
                        &META,
                        format!("`{}` references `{}`, which is unlogged: PostgreSQL allows a logged table to reference only logged ones", t.name, target.name),
                    )
                    .at_origin(&c.origin)
                    .help(format!("make `{}` unlogged too, or `{}` logged (leave out `unlogged`)", t.name, target.name)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn logged_to_unlogged() {
        let files = app("tables:\n  sessions:\n    unlogged: true\n    columns:\n      id: { type: uuid, primary_key: true }\n  audit:\n    columns:\n      session_id: { type: uuid, references: sessions }\n  scratch:\n    unlogged: true\n    columns:\n      session_id: { type: uuid, references: sessions }\n");
        assert_eq!(found(&refs(&files), "R113"), [(8, 45)]);
    }
}
