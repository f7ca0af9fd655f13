//! Triggers of a table that stays: created, dropped, renamed (`was:`),
//! enabled or disabled, commented, and dropped and created again when what
//! `CREATE TRIGGER` says changes (`CREATE OR REPLACE TRIGGER` cannot replace
//! a constraint trigger, and drop + create works on every version).

use super::{Change, CommentTarget, comment_change};
use crate::model::{Ident, Trigger};

pub fn between(table: &Ident, old: &[Trigger], new: &[Trigger], out: &mut Vec<Change>) {
    let mut matched: Vec<&Ident> = Vec::new();
    let mut created: Vec<&Trigger> = Vec::new();
    for n in new {
        let same_name = old.iter().find(|o| o.name == n.name);
        let renamed = || {
            let was = n.was.as_ref()?;
            (!new.iter().any(|x| x.name == *was))
                .then(|| old.iter().find(|o| o.name == *was))
                .flatten()
        };
        let Some(o) = same_name.or_else(renamed) else {
            created.push(n);
            continue;
        };
        matched.push(&o.name);
        if o.same_definition(n)
            && o.name == n.name
            && o.enabled == n.enabled
            && o.comment == n.comment
        {
            continue;
        }
        if !o.same_definition(n) {
            out.push(Change::DropTrigger {
                table: table.clone(),
                trigger: o.clone(),
            });
            created.push(n);
            continue;
        }
        if o.name != n.name {
            out.push(Change::RenameTrigger {
                table: table.clone(),
                from: o.name.clone(),
                to: n.name.clone(),
            });
        }
        if o.enabled != n.enabled {
            out.push(Change::SetTriggerEnabled {
                table: table.clone(),
                trigger: n.name.clone(),
                enabled: n.enabled,
                old: o.enabled,
            });
        }
        let target = CommentTarget::Trigger {
            table: table.clone(),
            name: n.name.clone(),
        };
        comment_change(target, &o.comment, &n.comment, out);
    }
    for o in old {
        if !matched.contains(&&o.name) {
            out.push(Change::DropTrigger {
                table: table.clone(),
                trigger: o.clone(),
            });
        }
    }
    for n in created {
        out.push(Change::CreateTrigger {
            table: table.clone(),
            trigger: n.clone(),
        });
    }
}
