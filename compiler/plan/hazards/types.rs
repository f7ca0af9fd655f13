//! H115: a change to a type PostgreSQL refuses while a column stores it.
//! `ALTER TYPE … ALTER ATTRIBUTE … TYPE` fails ("cannot alter type … because
//! column … uses it") when any table column holds the composite, directly,
//! in an array or inside another composite. A range has no `ALTER` for its
//! definition, so a redefined range is dropped and created again, and
//! `DROP TYPE` fails ("cannot drop type … because other objects depend on
//! it") while a column, a composite attribute or a domain that the plan
//! keeps uses the range or its multirange.

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

/// H115 for each step of `changes` that drops a range to create it again
/// while something the plan keeps uses it; `None` for the others.
pub fn redefined_in_use(old: &Schema, changes: &[&Change]) -> Vec<Option<Hazard>> {
    let created: Vec<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateRange { range } => Some(range.name.as_str()),
            _ => None,
        })
        .collect();
    let table_dropped = |t: &Ident| {
        changes
            .iter()
            .any(|c| matches!(c, Change::DropTable { table } if table.name == *t))
    };
    let column_changed = |t: &Ident, col: &Ident| {
        changes.iter().any(|c| match c {
            Change::DropColumn { table, column } => table == t && column.name == *col,
            Change::AlterColumnType { table, column, .. } => table == t && column == col,
            _ => false,
        })
    };
    let composite_dropped = |n: &Ident| {
        changes
            .iter()
            .any(|c| matches!(c, Change::DropComposite { composite } if composite.name == *n))
    };
    let domain_dropped = |n: &Ident| {
        changes
            .iter()
            .any(|c| matches!(c, Change::DropDomain { domain } if domain.name == *n))
    };
    changes
        .iter()
        .map(|c| {
            let Change::DropRange { range } = c else {
                return None;
            };
            if !created.contains(&range.name.as_str()) {
                return None;
            }
            let multirange = range.multirange_name();
            let uses = |base: &str| base == range.name.as_str() || base == multirange;
            let user = old
                .tables
                .iter()
                .filter(|t| !table_dropped(&t.name))
                .find_map(|t| {
                    t.columns
                        .iter()
                        .find(|col| uses(&col.ty.base) && !column_changed(&t.name, &col.name))
                        .map(|col| format!("column `{}.{}`", t.name, col.name))
                })
                .or_else(|| {
                    old.composites
                        .iter()
                        .filter(|k| !composite_dropped(&k.name))
                        .find_map(|k| {
                            k.attributes
                                .iter()
                                .find(|a| uses(&a.ty.base))
                                .map(|a| format!("attribute `{}.{}`", k.name, a.name))
                        })
                })
                .or_else(|| {
                    old.domains
                        .iter()
                        .find(|d| uses(&d.ty.base) && !domain_dropped(&d.name))
                        .map(|d| format!("domain `{}`", d.name))
                })?;
            Some(make(
                &TYPE_IN_USE,
                format!(
                    "PostgreSQL cannot redefine range `{}` (drop and create) while {user} uses it",
                    range.name
                ),
                true,
            ))
        })
        .collect()
}
