//! Planning: a change list in, ordered steps out. Redundant drops are absorbed
//! (dropping a table drops its indexes), lock-aware strategies rewrite risky
//! changes for existing tables, the graph orders everything, and each step is
//! annotated with its lock, its hazards and whether it may run in a
//! transaction. Steps are then cut into migration files at transaction
//! boundaries.

mod calls;
mod colocation;
pub mod cost;
pub mod hazards;
mod order;
mod strategy;
pub mod upkeep;

use serde::Serialize;

use crate::diff::{Change, CommentTarget};
use crate::model::{Constraint, ConstraintKind, Ident, Schema};
pub use colocation::copies_rows;
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
    /// What the reviewer should know that is not a hazard (where PostgreSQL
    /// puts an added column).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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
pub fn build(old: &Schema, new: &Schema, changes: Vec<Change>) -> Result<Plan, CycleError> {
    build_with(old, Some(new), changes)
}

/// With `new`, lock-aware strategies rewrite changes to existing tables.
fn build_with(
    old: &Schema,
    new: Option<&Schema>,
    changes: Vec<Change>,
) -> Result<Plan, CycleError> {
    let mut changes = absorb(changes);
    let seen = seen_through_renames(old, &changes);
    let old = seen.as_ref();
    colocation::assign(old, &mut changes);
    let (changes, chains) = if let Some(new) = new {
        strategy::apply(old, new, changes)
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
            notes: new.map(|n| notes(old, n, &change)).unwrap_or_default(),
            change,
        })
        .collect();
    let all: Vec<&Change> = steps.iter().map(|s| &s.change).collect();
    let drops = hazards::drops(&all);
    let in_use = hazards::ranges_in_use(old, &all);
    for ((step, hazard), refused) in steps.iter_mut().zip(drops).zip(in_use) {
        step.hazards.extend(hazard);
        step.hazards.extend(refused);
    }
    // Citus copies an existing table's rows to the shards only outside
    // sequential mode, which the rest of a migration runs in: such steps get
    // files of their own.
    for i in 1..steps.len() {
        if colocation::copies_rows(&steps[i - 1].change)
            != colocation::copies_rows(&steps[i].change)
        {
            steps[i].boundary_before = true;
        }
    }
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

/// `old` with each table the changes rename present under its new name as
/// well (its partitions renamed with it), so that a change to a renamed
/// table is known to touch one that exists and holds rows.
fn seen_through_renames<'a>(old: &'a Schema, changes: &[Change]) -> std::borrow::Cow<'a, Schema> {
    let renames: std::collections::HashMap<&Ident, &Ident> = changes
        .iter()
        .filter_map(|c| match c {
            Change::RenameTable { from, to } => Some((from, to)),
            _ => None,
        })
        .collect();
    if renames.is_empty() {
        return std::borrow::Cow::Borrowed(old);
    }
    fn rename(ps: &mut [crate::model::Partition], map: &std::collections::HashMap<&Ident, &Ident>) {
        for p in ps {
            if let Some(to) = map.get(&p.name) {
                p.name = (*to).clone();
            }
            rename(&mut p.partitions, map);
        }
    }
    let mut seen = old.clone();
    for t in &old.tables {
        let mut copy = t.clone();
        if let Some(to) = renames.get(&t.name) {
            copy.name = (*to).clone();
        }
        rename(&mut copy.partitions, &renames);
        if copy != *t && seen.table(copy.name.as_str()).is_none() {
            seen.tables.push(copy);
        }
    }
    std::borrow::Cow::Owned(seen)
}

/// Notes on a change: a column added to an existing table goes after its
/// last column, as PostgreSQL cannot put it elsewhere, while a fresh build
/// follows the YAML's order. Column order is not part of what `plan --db`
/// compares.
fn notes(old: &Schema, new: &Schema, change: &Change) -> Vec<String> {
    let Change::AddColumn { table, column } = change else {
        return Vec::new();
    };
    let (Some(before), Some(after)) = (old.table(table.as_str()), new.table(table.as_str())) else {
        return Vec::new();
    };
    let at = after.columns.iter().position(|c| c.name == column.name);
    let next = at.and_then(|i| {
        after.columns[i + 1..]
            .iter()
            .find(|c| before.column(c.name.as_str()).is_some())
    });
    match next {
        Some(next) => vec![format!(
            "`{table}.{}` is added after the existing columns (PostgreSQL cannot insert it elsewhere); a fresh build puts it before `{}`. Column order is not compared by `plan --db`.",
            column.name, next.name
        )],
        None => Vec::new(),
    }
}

/// Plan what undoes `steps` (a down migration): each change's reverse, in a
/// valid order, as plain statements — a down file keeps the transaction mode
/// of its up file, so no strategy may move work outside it. `after` is the
/// model once the steps ran.
pub fn reverse(after: &Schema, steps: &[Step]) -> Result<Plan, CycleError> {
    let mut changes: Vec<Change> = Vec::new();
    // A table renamed onto the name of one the same steps drop (a twin taking
    // the original's place): undone, the dropped one comes back under the
    // name while the renamed one leaves it, so what is undone on the renamed
    // one is done under the name it goes back to.
    let dropped_tables: Vec<&Ident> = steps
        .iter()
        .filter_map(|s| match &s.change {
            Change::DropTable { table } => Some(&table.name),
            _ => None,
        })
        .collect();
    let recycled: Vec<(Ident, Ident)> = steps
        .iter()
        .filter_map(|s| match &s.change {
            Change::RenameTable { from, to } if dropped_tables.contains(&to) => {
                Some((to.clone(), from.clone()))
            }
            _ => None,
        })
        .collect();
    // Each value added to an enum reverses into the same rebuild; one is enough.
    let mut rebuilt: std::collections::HashSet<Ident> = std::collections::HashSet::new();
    // The privileges of a routine or a type the steps create go with it when
    // the down drops it: undoing them one by one could land on the object
    // the down creates again in its place.
    let created: Vec<crate::diff::GrantTarget> = steps
        .iter()
        .filter_map(|s| match &s.change {
            Change::CreateFunction { function } => {
                Some(crate::diff::GrantTarget::function(function))
            }
            Change::CreateDomain { domain } => Some(crate::diff::GrantTarget::Type {
                name: domain.name.clone(),
                domain: true,
            }),
            Change::CreateEnum { r#enum } => Some(crate::diff::GrantTarget::Type {
                name: r#enum.name.clone(),
                domain: false,
            }),
            _ => None,
        })
        .collect();
    // Backwards, but revokes of one object keep their order: undone, they are
    // grants, and PostgreSQL lists an access list in the order it was granted.
    let mut order: Vec<usize> = Vec::new();
    let mut end = steps.len();
    while end > 0 {
        let mut start = end - 1;
        if let Change::Revoke { target, .. } = &steps[start].change {
            while start > 0
                && matches!(&steps[start - 1].change, Change::Revoke { target: t, .. } if t == target)
            {
                start -= 1;
            }
        }
        order.extend(start..end);
        end = start;
    }
    for s in order.into_iter().map(|i| &steps[i]) {
        if let Change::Grant { target, .. }
        | Change::Revoke { target, .. }
        | Change::SetOwner { target, .. } = &s.change
            && created.contains(target)
        {
            continue;
        }
        let keep_names = matches!(
            s.change,
            Change::DropTable { .. } | Change::RenameTable { .. }
        );
        for mut r in s.change.reverse() {
            if let Change::RebuildEnum { rebuild } = &r
                && !rebuilt.insert(rebuild.name.clone())
            {
                continue;
            }
            if !keep_names {
                for (name, back) in &recycled {
                    retarget(&mut r, name, back);
                }
            }
            changes.push(r);
        }
    }
    let undone: Vec<&Change> = steps.iter().map(|s| &s.change).collect();
    crate::diff::recreated(after, &undone, &mut changes);
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
    // Dropping a parent's index or key constraint drops what its partitions
    // hold for it (at any depth).
    let mut with_parent: std::collections::HashSet<Ident> = std::collections::HashSet::new();
    let mut parents: std::collections::HashSet<Ident> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropIndex { index, .. } => Some(index.name.clone()),
            Change::DropConstraint { constraint, .. } if constraint.kind.builds_index() => {
                Some(constraint.name.clone())
            }
            _ => None,
        })
        .collect();
    loop {
        let before = with_parent.len();
        for p in after.tables.iter().flat_map(|t| t.all_partitions()) {
            for c in p.clones.iter().filter(|c| !c.constraint) {
                if parents.contains(&c.of) && with_parent.insert(c.name.clone()) {
                    parents.insert(c.name.clone());
                }
            }
        }
        if with_parent.len() == before {
            break;
        }
    }
    changes.retain(|c| match c {
        Change::DropIndex { index, .. } => {
            !with_parent.contains(&index.name)
                && !attached
                    .iter()
                    .any(|(p, ch)| **ch == index.name && dropped.contains(p))
        }
        Change::DropConstraint { constraint, .. } => !with_parent.contains(&constraint.name),
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
    build_with(after, None, changes)
}

/// `change`, about table `from`, made about table `to` instead.
fn retarget(change: &mut Change, from: &Ident, to: &Ident) {
    let table = match change {
        Change::AddColumn { table, .. }
        | Change::DropColumn { table, .. }
        | Change::RenameColumn { table, .. }
        | Change::AlterColumnType { table, .. }
        | Change::SetDefault { table, .. }
        | Change::DropDefault { table, .. }
        | Change::SetNotNull { table, .. }
        | Change::DropNotNull { table, .. }
        | Change::AddIdentity { table, .. }
        | Change::DropIdentity { table, .. }
        | Change::AddConstraint { table, .. }
        | Change::AddConstraintUsingIndex { table, .. }
        | Change::ValidateConstraint { table, .. }
        | Change::DropConstraint { table, .. }
        | Change::RenameConstraint { table, .. }
        | Change::CreateIndex { table, .. }
        | Change::DropIndex { table, .. }
        | Change::EnableRls { table }
        | Change::DisableRls { table }
        | Change::ForceRls { table }
        | Change::NoForceRls { table }
        | Change::CreatePolicy { table, .. }
        | Change::DropPolicy { table, .. }
        | Change::CreateTrigger { table, .. }
        | Change::DropTrigger { table, .. }
        | Change::RenameTrigger { table, .. }
        | Change::SetTriggerEnabled { table, .. }
        | Change::SetComment {
            target:
                CommentTarget::Table { table }
                | CommentTarget::Column { table, .. }
                | CommentTarget::Trigger { table, .. },
            ..
        } => table,
        Change::CreatePartition { parent, .. }
        | Change::DropPartition { parent, .. }
        | Change::DetachPartition { parent, .. }
        | Change::AttachPartition { parent, .. } => parent,
        _ => return,
    };
    if table == from {
        *table = to.clone();
    }
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
    // Foreign keys on a cycle of tables dropped together are dropped first,
    // on their own: each table's drop would otherwise wait for the other's.
    let mut changes = changes;
    let mut edges: Vec<(String, String)> = Vec::new();
    for c in &changes {
        let fks: Vec<(&Ident, &Constraint)> = match c {
            Change::DropTable { table } => {
                table.constraints.iter().map(|k| (&table.name, k)).collect()
            }
            Change::DropConstraint { table, constraint } => vec![(table, constraint)],
            _ => Vec::new(),
        };
        for (t, k) in fks {
            if let ConstraintKind::ForeignKey { references, .. } = &k.kind
                && gone.contains(t.as_str())
                && gone.contains(references.name.as_str())
                && references.name != *t
            {
                edges.push((t.to_string(), references.name.to_string()));
            }
        }
    }
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack = vec![from];
        while let Some(x) = stack.pop() {
            if x == to {
                return true;
            }
            if seen.insert(x) {
                stack.extend(
                    edges
                        .iter()
                        .filter(|(a, _)| a == x)
                        .map(|(_, b)| b.as_str()),
                );
            }
        }
        false
    };
    let mutual = |t: &Ident, c: &Constraint| {
        matches!(&c.kind, ConstraintKind::ForeignKey { references, .. }
            if references.name != *t
                && gone.contains(references.name.as_str())
                && reaches(references.name.as_str(), t.as_str()))
    };
    let mut separate: Vec<Change> = Vec::new();
    for c in &mut changes {
        if let Change::DropTable { table } = c {
            let name = table.name.clone();
            let (between, kept): (Vec<Constraint>, Vec<Constraint>) =
                table.constraints.drain(..).partition(|k| mutual(&name, k));
            table.constraints = kept;
            separate.extend(
                between
                    .into_iter()
                    .map(|constraint| Change::DropConstraint {
                        table: table.name.clone(),
                        constraint,
                    }),
            );
        }
    }
    // Foreign keys of a dropped table still order the drop (their targets
    // must outlive it), so they move into the DropTable they are absorbed by.
    // So do policies, which may read other tables being dropped.
    let mut absorbed_fks: Vec<(Ident, Constraint)> = Vec::new();
    let mut absorbed_policies: Vec<(Ident, crate::model::Policy)> = Vec::new();
    // So do partitions: what references one must go before the table.
    let mut absorbed_partitions: Vec<(Ident, crate::model::Partition)> = Vec::new();
    // And triggers: a function they call is dropped after the table.
    let mut absorbed_triggers: Vec<(Ident, crate::model::Trigger)> = Vec::new();
    let mut kept: Vec<Change> = changes
        .into_iter()
        .filter(|c| {
            let on = match c {
                Change::DropPolicy { table, policy } => {
                    if gone.contains(table.as_str()) {
                        absorbed_policies.push((table.clone(), policy.clone()));
                    }
                    table
                }
                Change::DropColumn { table, .. }
                | Change::DropIndex { table, .. }
                | Change::DisableRls { table }
                | Change::NoForceRls { table }
                | Change::UndistributeTable { table, .. } => table,
                Change::DropConstraint { table, constraint } => {
                    if let ConstraintKind::ForeignKey { .. } = &constraint.kind
                        && gone.contains(table.as_str())
                    {
                        if mutual(table, constraint) {
                            return !separate.iter().any(|s| s == c);
                        }
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
    kept.extend(separate);
    for c in &mut kept {
        if let Change::DropTable { table } = c {
            for (owner, fk) in &absorbed_fks {
                if *owner == table.name && !table.constraints.iter().any(|k| k.name == fk.name) {
                    table.constraints.push(fk.clone());
                }
            }
            for (owner, p) in &absorbed_policies {
                if *owner == table.name && !table.policies.iter().any(|q| q.name == p.name) {
                    table.policies.push(p.clone());
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
