//! The tier's further schemas (`schemas:`) and relations moved between them.

use super::{Change, CommentTarget};
use crate::model::*;

pub(super) fn between(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for s in &new.schemas {
        match old.schemas.iter().find(|o| o.name == s.name) {
            None => out.push(Change::CreateOwnedSchema { owned: s.clone() }),
            Some(o) if o.comment != s.comment => out.push(Change::SetComment {
                target: CommentTarget::Schema {
                    name: s.name.clone(),
                },
                comment: s.comment.clone(),
                old: o.comment.clone(),
            }),
            Some(_) => {}
        }
    }
    for s in &old.schemas {
        if !new.schemas.iter().any(|n| n.name == s.name) {
            out.push(Change::DropOwnedSchema { owned: s.clone() });
        }
    }
    for t in &new.tables {
        if let Some(o) = old.table(t.name.as_str())
            && o.schema != t.schema
        {
            out.push(Change::SetRelationSchema {
                name: t.name.clone(),
                relation: "table".into(),
                from: old.namespace_of(&o.schema).clone(),
                to: new.namespace_of(&t.schema).clone(),
            });
        }
    }
    for v in &new.views {
        if let Some(o) = old.view(v.name.as_str())
            && o.schema != v.schema
            && o.materialized == v.materialized
        {
            out.push(Change::SetRelationSchema {
                name: v.name.clone(),
                relation: if v.materialized {
                    "materialized_view"
                } else {
                    "view"
                }
                .into(),
                from: old.namespace_of(&o.schema).clone(),
                to: new.namespace_of(&v.schema).clone(),
            });
        }
    }
}
