//! Sequences: created, dropped, their options and owner altered in place.
//! A sequence's current value is data, never touched: changing `start`
//! changes what `RESTART` would go back to, not the next value.

use super::{Change, CommentTarget};
use crate::model::*;

pub fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for s in &new.sequences {
        match old.sequence(s.name.as_str()) {
            None => create(s, out),
            Some(o) => {
                if o.options != s.options {
                    out.push(Change::AlterSequence {
                        name: s.name.clone(),
                        options: s.options.clone(),
                        old: o.options.clone(),
                    });
                }
                if o.owned_by != s.owned_by {
                    out.push(Change::SetSequenceOwner {
                        name: s.name.clone(),
                        owned_by: s.owned_by.clone(),
                        old: o.owned_by.clone(),
                    });
                }
                if o.comment != s.comment {
                    out.push(Change::SetComment {
                        target: CommentTarget::Sequence {
                            name: s.name.clone(),
                        },
                        comment: s.comment.clone(),
                        old: o.comment.clone(),
                    });
                }
            }
        }
    }
    for s in &old.sequences {
        if new.sequence(s.name.as_str()).is_none() {
            out.push(Change::DropSequence {
                sequence: s.clone(),
            });
        }
    }
}

/// A sequence is created unowned (its owner may not exist yet) and owned
/// once it does.
pub fn create(s: &Sequence, out: &mut Vec<Change>) {
    let mut bare = s.clone();
    bare.owned_by = None;
    bare.comment = None;
    out.push(Change::CreateSequence { sequence: bare });
    if s.owned_by.is_some() {
        out.push(Change::SetSequenceOwner {
            name: s.name.clone(),
            owned_by: s.owned_by.clone(),
            old: None,
        });
    }
    if s.comment.is_some() {
        out.push(Change::SetComment {
            target: CommentTarget::Sequence {
                name: s.name.clone(),
            },
            comment: s.comment.clone(),
            old: None,
        });
    }
    let target = super::GrantTarget::Sequence {
        name: s.name.clone(),
    };
    if s.owned_by.is_none() {
        out.extend(super::grant::created(target, &s.owner, &s.grants));
    }
}
