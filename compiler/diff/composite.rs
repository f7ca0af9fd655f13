//! Composite types: created before the columns, arguments and composites
//! that use them and dropped after; attributes added, dropped, retyped and
//! renamed in place with `ALTER TYPE`, which PostgreSQL allows while no
//! column stores the type only for add, drop and rename (a retyped
//! attribute of a type in use is refused by the server: `cannot alter type
//! "x" because column "t.c" uses it`).

use serde::Serialize;

use super::{Change, CommentTarget};
use crate::model::*;

/// One `ALTER TYPE` action on a composite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum CompositeStep {
    AddAttribute {
        attribute: Attribute,
    },
    DropAttribute {
        attribute: Attribute,
    },
    AlterAttributeType {
        attribute: Attribute,
        old: Attribute,
    },
    RenameAttribute {
        from: Ident,
        to: Ident,
    },
}

impl CompositeStep {
    /// The action that undoes this one.
    pub fn reverse(&self) -> CompositeStep {
        match self.clone() {
            CompositeStep::AddAttribute { attribute } => CompositeStep::DropAttribute { attribute },
            CompositeStep::DropAttribute { attribute } => CompositeStep::AddAttribute { attribute },
            CompositeStep::AlterAttributeType { attribute, old } => {
                CompositeStep::AlterAttributeType {
                    attribute: old,
                    old: attribute,
                }
            }
            CompositeStep::RenameAttribute { from, to } => {
                CompositeStep::RenameAttribute { from: to, to: from }
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            CompositeStep::AddAttribute { attribute } => {
                format!("attribute {} added", attribute.name)
            }
            CompositeStep::DropAttribute { attribute } => {
                format!("attribute {} dropped", attribute.name)
            }
            CompositeStep::AlterAttributeType { attribute, .. } => {
                format!("attribute {} type {}", attribute.name, attribute.ty)
            }
            CompositeStep::RenameAttribute { from, to } => {
                format!("attribute {from} renamed to {to}")
            }
        }
    }
}

pub fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for c in &new.composites {
        match old.composite(c.name.as_str()) {
            None => out.push(Change::CreateComposite {
                composite: c.clone(),
            }),
            Some(o) => alter(o, c, out),
        }
    }
    // Dropped in reverse order, so a composite goes before the ones it uses.
    for o in old.composites.iter().rev() {
        if new.composite(o.name.as_str()).is_none() {
            out.push(Change::DropComposite {
                composite: o.clone(),
            });
        }
    }
}

fn alter(o: &Composite, c: &Composite, out: &mut Vec<Change>) {
    let mut step = |step: CompositeStep| {
        out.push(Change::AlterComposite {
            name: c.name.clone(),
            step,
        })
    };
    let mut renamed: Vec<&Ident> = Vec::new();
    for a in &c.attributes {
        let before = match o.attribute(a.name.as_str()) {
            Some(b) => Some(b),
            None => match a.was.as_ref().and_then(|w| o.attribute(w.as_str())) {
                Some(b) if c.attribute(b.name.as_str()).is_none() => {
                    step(CompositeStep::RenameAttribute {
                        from: b.name.clone(),
                        to: a.name.clone(),
                    });
                    renamed.push(&b.name);
                    Some(b)
                }
                _ => None,
            },
        };
        match before {
            None => step(CompositeStep::AddAttribute {
                attribute: a.clone(),
            }),
            Some(b) if b.ty != a.ty || b.collation != a.collation => {
                step(CompositeStep::AlterAttributeType {
                    attribute: a.clone(),
                    old: Attribute {
                        name: a.name.clone(),
                        ..b.clone()
                    },
                })
            }
            Some(_) => {}
        }
    }
    for b in &o.attributes {
        if c.attribute(b.name.as_str()).is_none() && !renamed.contains(&&b.name) {
            step(CompositeStep::DropAttribute {
                attribute: b.clone(),
            });
        }
    }
    if o.comment != c.comment {
        out.push(Change::SetComment {
            target: CommentTarget::Type {
                name: c.name.clone(),
            },
            comment: c.comment.clone(),
            old: o.comment.clone(),
        });
    }
}
