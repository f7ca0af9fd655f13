//! Range types: created before the columns and composites that use them and
//! dropped after. PostgreSQL has no `ALTER` for a range's definition, so
//! any change but the comment is a drop and a create.

use super::{Change, CommentTarget};
use crate::model::*;

pub fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for r in &new.ranges {
        match old.range(r.name.as_str()) {
            None => out.push(Change::CreateRange { range: r.clone() }),
            Some(o) if !same_definition(o, r) => {
                out.push(Change::DropRange { range: o.clone() });
                out.push(Change::CreateRange { range: r.clone() });
            }
            Some(o) if o.comment != r.comment => out.push(Change::SetComment {
                target: CommentTarget::Type {
                    name: r.name.clone(),
                },
                comment: r.comment.clone(),
                old: o.comment.clone(),
            }),
            Some(_) => {}
        }
    }
    for o in &old.ranges {
        if new.range(o.name.as_str()).is_none() {
            out.push(Change::DropRange { range: o.clone() });
        }
    }
}

fn same_definition(a: &RangeType, b: &RangeType) -> bool {
    RangeType {
        comment: None,
        ..a.clone()
    } == RangeType {
        comment: None,
        ..b.clone()
    }
}
