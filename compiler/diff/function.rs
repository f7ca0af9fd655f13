//! Functions and procedures, matched by signature (`name(argtypes)`):
//! `CREATE OR REPLACE` where PostgreSQL allows it, drop + create where the
//! kind, result, argument names, modes or removed defaults forbid it.

use super::Change;
use crate::model::Schema;

pub fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for f in &new.functions {
        let sig = f.signature();
        match old.functions.iter().find(|o| o.signature() == sig) {
            None => out.push(Change::CreateFunction {
                function: f.clone(),
            }),
            Some(o) if o.same(f) => {}
            Some(o) if f.replaces(o) => out.push(Change::ReplaceFunction {
                function: f.clone(),
                old: o.clone(),
            }),
            Some(o) => {
                out.push(Change::DropFunction {
                    function: o.clone(),
                });
                out.push(Change::CreateFunction {
                    function: f.clone(),
                });
            }
        }
    }
    for f in &old.functions {
        let sig = f.signature();
        if !new.functions.iter().any(|n| n.signature() == sig) {
            out.push(Change::DropFunction {
                function: f.clone(),
            });
        }
    }
}
