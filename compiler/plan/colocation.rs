//! Colocation: every distributed table of a tier joins one colocation group,
//! so the shards holding one tenant's rows of every table sit on the same
//! node. The group is anchored on a table Citus already distributes, or on
//! one this plan distributes first (which creates the group).

use std::collections::HashSet;

use crate::diff::Change;
use crate::model::{Distribution, Ident, Schema};

/// Fill `colocate_with` of every distribution of a distributed table.
/// `current` is the model before the changes run.
pub fn assign(current: &Schema, changes: &mut [Change]) {
    let leaving: HashSet<&Ident> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some(&table.name),
            Change::UndistributeTable { table, .. } | Change::RenameTable { from: table, .. } => {
                Some(table)
            }
            _ => None,
        })
        .collect();
    let mut anchor: Option<Ident> = current
        .tables
        .iter()
        .find(|t| {
            matches!(
                t.distribution,
                Some(Distribution::Distributed {
                    colocated: true,
                    ..
                })
            ) && !leaving.contains(&t.name)
        })
        .map(|t| t.name.clone());
    // A new group is anchored on a table that references no other table
    // distributed here, so foreign-key order and colocation agree.
    if anchor.is_none() {
        let distributed: Vec<&Ident> = changes
            .iter()
            .filter_map(|c| match c {
                Change::DistributeTable {
                    table,
                    distribution: Distribution::Distributed { .. },
                    ..
                } => Some(table),
                _ => None,
            })
            .collect();
        anchor = changes
            .iter()
            .find_map(|c| match c {
                Change::DistributeTable {
                    table,
                    distribution: Distribution::Distributed { .. },
                    references,
                    ..
                } if !references.iter().any(|r| distributed.contains(&r)) => Some(table.clone()),
                _ => None,
            })
            .or_else(|| distributed.first().map(|t| (*t).clone()));
    }
    for c in changes.iter_mut() {
        if let Change::DistributeTable {
            table,
            distribution: Distribution::Distributed { .. },
            colocate_with,
            ..
        } = c
            && let Some(a) = anchor.as_ref().filter(|a| *a != table)
        {
            *colocate_with = Some(a.clone());
        }
    }
}

/// Whether a step hands Citus a table that may already hold rows.
pub fn copies_rows(change: &Change) -> bool {
    matches!(change, Change::DistributeTable { existing: true, .. })
}
