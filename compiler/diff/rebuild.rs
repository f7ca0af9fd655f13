//! Repartitioning that keeps rows. PostgreSQL cannot change a table's
//! partitioning in place — from plain to partitioned or back, another key
//! or strategy, a sub-partition level added or removed, hash partitions
//! re-counted, a partition re-bounded — so the table is built again beside
//! itself, in a scratch schema where its final names are free (its
//! partitions and their cloned indexes get exactly the names of a fresh
//! build), the rows are copied in, and the two swap places in the same
//! transaction: three changes, each with its own lock.

use crate::model::*;

use super::Change;
use super::renames::Renames;

/// Whether `new` lays rows out differently from `old` (partitioning shape
/// or the bounds of a partition that keeps its name).
pub fn needed(old: &Table, new: &Table, renames: &Renames) -> bool {
    let old_p = old
        .partitioning
        .as_ref()
        .map(|p| renames.partitioning(&new.name, p));
    if shape(old_p.as_ref()) != shape(new.partitioning.as_ref()) {
        return true;
    }
    // PostgreSQL cannot change the type of a column the partitions are keyed by.
    let keys = |t: &Table| -> Vec<Ident> {
        let mut ks: Vec<Ident> = t
            .partitioning
            .iter()
            .chain(
                t.all_partitions()
                    .into_iter()
                    .filter_map(|p| p.partitioning.as_ref()),
            )
            .flat_map(|p| p.key_columns().cloned())
            .collect();
        ks.dedup();
        ks
    };
    for k in keys(new) {
        let was = new
            .column(k.as_str())
            .and_then(|c| super::renames::prior_column(old, new, c));
        if let (Some(o), Some(n)) = (was, new.column(k.as_str()))
            && o.ty != n.ty
        {
            return true;
        }
    }
    let prefix = (old.name != new.name).then_some((old.name.as_str(), new.name.as_str()));
    children_differ(&old.partitions, &new.partitions, prefix, renames, &new.name)
}

/// Strategy and key: what the rows are routed by.
fn shape(p: Option<&Partitioning>) -> Option<(PartitionStrategy, &[KeyExpr])> {
    p.map(|p| (p.strategy, p.key.as_slice()))
}

/// The name an old partition has after its table is renamed
/// (`events_2025_01` → `activity_2025_01`).
pub fn renamed_child(name: &Ident, prefix: Option<(&str, &str)>) -> Ident {
    match prefix.and_then(|(from, to)| name.as_str().strip_prefix(from).map(|rest| (to, rest))) {
        Some((to, rest)) => fit_name(&format!("{to}{rest}")),
        None => name.clone(),
    }
}

fn children_differ(
    old: &[Partition],
    new: &[Partition],
    prefix: Option<(&str, &str)>,
    renames: &Renames,
    table: &Ident,
) -> bool {
    old.iter().any(|o| {
        let name = renamed_child(&o.name, prefix);
        let Some(n) = new.iter().find(|n| n.name == name) else {
            return false;
        };
        let op = o
            .partitioning
            .as_ref()
            .map(|p| renames.partitioning(table, p));
        let child_prefix = (o.name != n.name).then_some((o.name.as_str(), n.name.as_str()));
        o.bound != n.bound
            || shape(op.as_ref()) != shape(n.partitioning.as_ref())
            || children_differ(&o.partitions, &n.partitions, child_prefix, renames, table)
    })
}

/// The schema a table is rebuilt in.
pub fn scratch(table: &Ident) -> Ident {
    fit_name(&format!("schemac_rebuild_{table}"))
}

/// Build, copy, swap: the changes that turn `old` into `new` keeping rows.
pub fn changes(old: &Table, new: &Table) -> Vec<Change> {
    let scratch = scratch(&new.name);
    let columns = copied_columns(old, new);
    vec![
        Change::BuildTable {
            table: new.clone(),
            scratch: scratch.clone(),
        },
        Change::CopyRows {
            from: old.clone(),
            to: new.clone(),
            scratch: scratch.clone(),
            columns: columns.clone(),
        },
        Change::SwapTable {
            old: old.clone(),
            table: new.clone(),
            scratch,
            columns,
        },
    ]
}

/// What `BuildTable` creates in `scratch`, in order: the table with its
/// indexes (before the partitions, which clone them), partitions and
/// triggers. Foreign keys are added after the copy, row security at the swap.
pub fn build(table: &Table, home: &Ident, scratch: &Ident) -> Vec<Change> {
    super::create_table(&in_scratch(table, home, scratch))
        .into_iter()
        .filter(|c| {
            !matches!(
                c,
                Change::EnableRls { .. }
                    | Change::ForceRls { .. }
                    | Change::CreatePolicy { .. }
                    | Change::AddConstraint { .. }
            )
        })
        .collect()
}

/// The foreign keys of the rebuilt table, added once its rows are in.
pub fn foreign_keys(table: &Table, home: &Ident, scratch: &Ident) -> Vec<Change> {
    super::create_table(&in_scratch(table, home, scratch))
        .into_iter()
        .filter(|c| matches!(c, Change::AddConstraint { .. }))
        .collect()
}

/// Row security of the table and its partitions, once it is in place.
pub fn row_security(table: &Table) -> Vec<Change> {
    super::create_table(table)
        .into_iter()
        .filter(|c| {
            matches!(
                c,
                Change::EnableRls { .. } | Change::ForceRls { .. } | Change::CreatePolicy { .. }
            )
        })
        .collect()
}

/// `table` with its references to itself pointing into `scratch`.
fn in_scratch(table: &Table, home: &Ident, scratch: &Ident) -> Table {
    let mut t = table.clone();
    for c in &mut t.constraints {
        if let ConstraintKind::ForeignKey { references, .. } = &mut c.kind
            && references.schema == *home
            && references.name == table.name
        {
            references.schema = scratch.clone();
        }
    }
    t
}

/// (new column, old column) pairs the copy fills: every stored column of
/// `new` that `old` had (under its own or its previous name).
pub fn copied_columns(old: &Table, new: &Table) -> Vec<(Ident, Ident)> {
    new.columns
        .iter()
        .filter(|c| c.generated.is_none())
        .filter_map(|c| {
            super::renames::prior_column(old, new, c).map(|o| (c.name.clone(), o.name.clone()))
        })
        .collect()
}
