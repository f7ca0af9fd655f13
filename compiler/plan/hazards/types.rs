//! H115: a change to a type PostgreSQL refuses while a column stores it.
//! `ALTER TYPE … ALTER ATTRIBUTE … TYPE` fails ("cannot alter type … because
//! column … uses it") when any table column holds the composite, directly,
//! in an array or inside another composite.

use super::{Hazard, TYPE_IN_USE, make};
use crate::diff::{Change, CompositeStep};
use crate::model::*;

/// The refusal `change` meets, if any (`old`: the model it runs against).
pub fn refused(old: &Schema, change: &Change) -> Option<Hazard> {
    let Change::AlterComposite {
        name,
        step: CompositeStep::AlterAttributeType { attribute, .. },
    } = change
    else {
        return None;
    };
    // The composite and every composite holding it, however deep (by name:
    // an attribute's type is kept as written).
    let mut holders: Vec<&str> = vec![name.as_str()];
    loop {
        let before = holders.len();
        for c in &old.composites {
            if !holders.contains(&c.name.as_str())
                && c.attributes
                    .iter()
                    .any(|a| holders.contains(&a.ty.base.as_str()))
            {
                holders.push(c.name.as_str());
            }
        }
        if holders.len() == before {
            break;
        }
    }
    let (table, column) = old.tables.iter().find_map(|t| {
        t.columns
            .iter()
            .find(|c| holders.contains(&c.ty.base.as_str()))
            .map(|c| (&t.name, &c.name))
    })?;
    Some(make(
        &TYPE_IN_USE,
        format!(
            "PostgreSQL cannot change the type of `{name}.{}` while column `{table}.{column}` stores `{name}`",
            attribute.name
        ),
        true,
    ))
}
