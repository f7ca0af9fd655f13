//! Planning: a change list in, ordered steps out. Redundant drops are absorbed
//! (dropping a table drops its indexes), lock-aware strategies rewrite risky
//! changes for existing tables, the graph orders everything, and each step is
//! annotated with its lock, its hazards and whether it may run in a
//! transaction. Steps are then cut into migration files at transaction
//! boundaries.

pub mod hazards;
mod order;
mod strategy;
pub mod upkeep;

use serde::Serialize;

use crate::diff::{Change, CommentTarget};
use crate::model::{Constraint, ConstraintKind, Ident, Schema};
pub use hazards::Hazard;
pub use order::{CycleError, order};

/// One statement-sized unit of a plan.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub change: Change,
    /// False for statements PostgreSQL refuses inside a transaction block.
    pub transactional: bool,
    /// Start a new migration file before this step (e.g. a VALIDATE that must
    /// run in a later transaction than the NOT VALID constraint it checks).
    pub boundary_before: bool,
    /// The strongest lock the statement takes on an existing table.
    pub lock: Option<&'static str>,
    pub hazards: Vec<Hazard>,
}

/// An ordered plan for one tier.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Plan {
    pub steps: Vec<Step>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn hazards(&self) -> impl Iterator<Item = &Hazard> {
        self.steps.iter().flat_map(|s| s.hazards.iter())
    }

    /// Cut into migration files: consecutive non-transactional steps form a
    /// file of their own, never mixed with transactional ones;
    /// `boundary_before` starts a new file, and so does a transaction that
    /// would otherwise lock more relations than [`LOCKS_PER_TRANSACTION`]
    /// (the first migration of a large tier).
    pub fn files(&self) -> Vec<std::ops::Range<usize>> {
        let mut files = Vec::new();
        let mut start = 0;
        let mut locks = self.steps.first().map_or(0, |s| relation_locks(&s.change));
        for (i, s) in self.steps.iter().enumerate().skip(1) {
            let cost = relation_locks(&s.change);
            if s.boundary_before
                || s.transactional != self.steps[i - 1].transactional
                || (s.transactional && locks + cost > LOCKS_PER_TRANSACTION)
            {
                files.push(start..i);
                start = i;
                locks = 0;
            }
            locks += cost;
        }
        if start < self.steps.len() {
            files.push(start..self.steps.len());
        }
        files
    }
}

/// Relations one transaction may lock while it creates them. Each lock
/// holds a slot of the server's shared lock table (64 × max_connections by
/// default) until the transaction ends; this stays well below it.
pub const LOCKS_PER_TRANSACTION: usize = 2000;

/// Relations a change creates or locks, roughly: a table with its TOAST
/// table and index and the indexes of its keys; a partition likewise.
fn relation_locks(change: &Change) -> usize {
    fn partition(p: &crate::model::Partition) -> usize {
        3 + p.partitions.iter().map(partition).sum::<usize>()
    }
    match change {
        Change::CreateTable { table } => {
            3 + table
                .constraints
                .iter()
                .filter(|c| c.kind.builds_index())
                .count()
        }
        Change::CreatePartition { partition: p, .. } => partition(p),
        Change::AddConstraint { .. } => 2,
        _ => 1,
    }
}

/// Plan the changes turning `old` into `new`: strategies, order, annotations.
pub fn build(old: &Schema, changes: Vec<Change>) -> Result<Plan, CycleError> {
    build_with(old, changes, true)
}

fn build_with(old: &Schema, changes: Vec<Change>, strategies: bool) -> Result<Plan, CycleError> {
    let changes = absorb(changes);
    let (changes, chains) = if strategies {
        strategy::apply(old, changes)
    } else {
        (changes, Vec::new())
    };
    let ordered = order(changes, &chains)?;
    let mut steps: Vec<Step> = ordered
        .into_iter()
        .map(|change| Step {
            transactional: transactional(&change),
            boundary_before: matches!(change, Change::ValidateConstraint { .. }),
            lock: strategy::lock(old, &change),
            hazards: hazards::of(old, &change),
            change,
        })
        .collect();
    // A value added to an enum cannot be used before its transaction commits.
    for i in 1..steps.len() {
        if matches!(steps[i - 1].change, Change::AddEnumValue { .. })
            && !matches!(steps[i].change, Change::AddEnumValue { .. })
        {
            steps[i].boundary_before = true;
        }
    }
    Ok(Plan { steps })
}

/// Plan what undoes `steps` (a down migration): each change's reverse, in a
/// valid order, as plain statements — a down file keeps the transaction mode
/// of its up file, so no strategy may move work outside it. `after` is the
/// model once the steps ran.
pub fn reverse(after: &Schema, steps: &[Step]) -> Result<Plan, CycleError> {
    let mut changes: Vec<Change> = Vec::new();
    // Each value added to an enum reverses into the same rebuild; one is enough.
    let mut rebuilt: std::collections::HashSet<Ident> = std::collections::HashSet::new();
    for s in steps.iter().rev() {
        for r in s.change.reverse() {
            if let Change::RebuildEnum { rebuild } = &r
                && !rebuilt.insert(rebuild.name.clone())
            {
                continue;
            }
            changes.push(r);
        }
    }
    // Dropping a parent index drops the partition indexes attached to it.
    let attached: Vec<(&Ident, &Ident)> = steps
        .iter()
        .filter_map(|s| match &s.change {
            Change::AttachIndex { parent, child } => Some((parent, child)),
            _ => None,
        })
        .collect();
    let dropped: Vec<Ident> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropIndex { index, .. } => Some(index.name.clone()),
            _ => None,
        })
        .collect();
    changes.retain(|c| match c {
        Change::DropIndex { index, .. } => !attached
            .iter()
            .any(|(p, ch)| **ch == index.name && dropped.contains(p)),
        _ => true,
    });
    // An enum rebuild converts only the columns that remain.
    let gone: Vec<(Ident, Ident)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropColumn { table, column } => Some((table.clone(), column.name.clone())),
            _ => None,
        })
        .collect();
    let gone_tables: Vec<Ident> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    for c in &mut changes {
        if let Change::RebuildEnum { rebuild } = c {
            rebuild.columns.retain(|col| {
                !gone_tables.contains(&col.table)
                    && !gone.contains(&(col.table.clone(), col.column.clone()))
            });
        }
    }
    build_with(after, changes, false)
}

/// Whether a step runs inside the file's transaction. Concurrent index
/// builds cannot; the catalog-only steps of a partitioned index build (`ON
/// ONLY`, `ATTACH`) run beside them so the whole build is one file.
fn transactional(change: &Change) -> bool {
    !matches!(
        change,
        Change::CreateIndex {
            concurrently: true,
            ..
        } | Change::DropIndex {
            concurrently: true,
            ..
        } | Change::CreateIndex { only: true, .. }
            | Change::AttachIndex { .. }
    )
}

/// Remove drops that a larger drop already performs: dropping a table drops
/// its columns, constraints, indexes, policies, triggers and partitions.
fn absorb(changes: Vec<Change>) -> Vec<Change> {
    use std::collections::HashSet;
    let mut gone: HashSet<String> = HashSet::new();
    fn mark(p: &crate::model::Partition, gone: &mut HashSet<String>) {
        gone.insert(p.name.to_string());
        for c in &p.partitions {
            mark(c, gone);
        }
    }
    for c in &changes {
        match c {
            Change::DropTable { table } => {
                gone.insert(table.name.to_string());
                for p in &table.partitions {
                    mark(p, &mut gone);
                }
            }
            Change::DropPartition { partition, .. } => {
                for p in &partition.partitions {
                    mark(p, &mut gone);
                }
            }
            Change::DropView { view } => {
                gone.insert(view.name.to_string());
            }
            _ => {}
        }
    }
    // A partition whose parent is dropped, at any depth, goes with it (the
    // drops of a down file name each partition of its own). `root` is the
    // dropped table each belongs to.
    let mut root: std::collections::HashMap<String, String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some((table.name.to_string(), table.name.to_string())),
            _ => None,
        })
        .collect();
    loop {
        let before = gone.len();
        for c in &changes {
            if let Change::DropPartition { parent, partition } = c
                && gone.contains(parent.as_str())
                && gone.insert(partition.name.to_string())
            {
                if let Some(r) = root.get(parent.as_str()).cloned() {
                    root.insert(partition.name.to_string(), r);
                }
                for p in &partition.partitions {
                    mark(p, &mut gone);
                }
            }
        }
        if gone.len() == before {
            break;
        }
    }
    // Foreign keys of a dropped table still order the drop (their targets
    // must outlive it), so they move into the DropTable they are absorbed by.
    let mut absorbed_fks: Vec<(Ident, Constraint)> = Vec::new();
    // So do partitions: what references one must go before the table.
    let mut absorbed_partitions: Vec<(Ident, crate::model::Partition)> = Vec::new();
    // And triggers: a function they call is dropped after the table.
    let mut absorbed_triggers: Vec<(Ident, crate::model::Trigger)> = Vec::new();
    let mut kept: Vec<Change> = changes
        .into_iter()
        .filter(|c| {
            let on = match c {
                Change::DropColumn { table, .. }
                | Change::DropIndex { table, .. }
                | Change::DropPolicy { table, .. }
                | Change::DisableRls { table }
                | Change::NoForceRls { table } => table,
                Change::DropConstraint { table, constraint } => {
                    if gone.contains(table.as_str())
                        && matches!(constraint.kind, ConstraintKind::ForeignKey { .. })
                    {
                        absorbed_fks.push((table.clone(), constraint.clone()));
                    }
                    table
                }
                Change::DropPartition { parent, partition } => {
                    if let Some(r) = root.get(parent.as_str()) {
                        absorbed_partitions.push((Ident::new(r.as_str()), partition.clone()));
                    }
                    parent
                }
                Change::DropTrigger { table, trigger } => {
                    if gone.contains(table.as_str()) {
                        absorbed_triggers.push((table.clone(), trigger.clone()));
                    }
                    table
                }
                // Undoing a replica identity on a table that goes is moot.
                Change::SetReplicaIdentity { table, .. } => table,
                Change::DetachPartition { parent, .. } => parent,
                Change::SetComment {
                    target: CommentTarget::Table { table } | CommentTarget::Column { table, .. },
                    comment: None,
                    ..
                } => table,
                _ => return true,
            };
            !gone.contains(on.as_str())
        })
        .collect();
    for c in &mut kept {
        if let Change::DropTable { table } = c {
            for (owner, fk) in &absorbed_fks {
                if *owner == table.name && !table.constraints.iter().any(|k| k.name == fk.name) {
                    table.constraints.push(fk.clone());
                }
            }
            for (parent, p) in &absorbed_partitions {
                if *parent == table.name && !table.partitions.iter().any(|x| x.name == p.name) {
                    table.partitions.push(p.clone());
                }
            }
            for (owner, tr) in &absorbed_triggers {
                if *owner == table.name && !table.triggers.iter().any(|x| x.name == tr.name) {
                    table.triggers.push(tr.clone());
                }
            }
        }
    }
    kept
}
