//! Distribution changes: a database that becomes (or stops being) a Citus
//! coordinator, and tables whose distribution changes while they exist. Citus
//! moves a table in or out of the cluster only while no foreign key ties it
//! to another table, so every unchanged foreign key touching such a table is
//! dropped before and added again after.

use super::Change;
use crate::model::*;

/// Citus session settings, then the tables of both models that exist in
/// both and are held differently.
pub fn between(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    if new.citus && !old.citus {
        out.push(Change::EnableCitus);
    }
    let mut moved: Vec<(&Table, &Table)> = Vec::new();
    for t in &new.tables {
        let Some(o) = old.table(t.name.as_str()).or_else(|| {
            t.was
                .as_ref()
                .and_then(|w| old.table(w.as_str()))
                .filter(|o| new.table(o.name.as_str()).is_none())
        }) else {
            continue;
        };
        if held(o) != held(t) {
            moved.push((o, t));
        }
    }
    let names: Vec<&Ident> = moved.iter().map(|(_, t)| &t.name).collect();
    // Foreign keys in both models that touch a moved table.
    for t in &new.tables {
        let Some(o) = old.table(t.name.as_str()) else {
            continue;
        };
        for c in &t.constraints {
            let ConstraintKind::ForeignKey { references, .. } = &c.kind else {
                continue;
            };
            if !(names.contains(&&t.name) || names.contains(&&references.name)) {
                continue;
            }
            if o.constraints
                .iter()
                .any(|k| k.name == c.name && k.kind == c.kind)
            {
                out.push(Change::DropConstraint {
                    table: t.name.clone(),
                    constraint: c.clone(),
                });
                out.push(Change::AddConstraint {
                    table: t.name.clone(),
                    constraint: c.clone(),
                    not_valid: false,
                });
            }
        }
    }
    for (o, t) in moved {
        if let Some(d) = o.distribution.clone().filter(Distribution::is_citus) {
            out.push(Change::UndistributeTable {
                table: t.name.clone(),
                distribution: d,
                toast: toast(o),
            });
        }
        if let Some(d) = t.distribution.clone().filter(Distribution::is_citus) {
            out.push(Change::DistributeTable {
                table: t.name.clone(),
                distribution: d,
                colocate_with: None,
                references: targets(t),
                existing: true,
                toast: toast(t),
            });
        }
    }
    toast_of_new_partitions(old, new, out);
    if old.citus && !new.citus {
        out.push(Change::DisableCitus);
    }
}

/// A partition created under a table Citus already holds is distributed at
/// once, and its shards lack its TOAST storage parameters: they are set
/// again, which Citus propagates.
fn toast_of_new_partitions(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    fn names(ps: &[Partition], out: &mut Vec<Ident>) {
        for p in ps {
            out.push(p.name.clone());
            names(&p.partitions, out);
        }
    }
    let mut parents: Vec<Ident> = Vec::new();
    for t in &new.tables {
        if held(t).is_some() && old.table(t.name.as_str()).and_then(held).is_some() {
            parents.push(t.name.clone());
            names(&t.partitions, &mut parents);
        }
    }
    let mut again = Vec::new();
    for c in out.iter() {
        if let Change::CreatePartition { parent, partition } = c
            && parents.contains(parent)
        {
            let options: StorageOptions = partition
                .options
                .iter()
                .filter(|(k, _)| k.starts_with("toast."))
                .cloned()
                .collect();
            if !options.is_empty() {
                again.push(Change::SetOptions {
                    target: crate::diff::OptionsTarget::Table {
                        table: partition.name.clone(),
                    },
                    options,
                    old: StorageOptions::new(),
                });
            }
        }
    }
    out.extend(again);
}

/// How a table is held, as far as moving it goes: a plain table (no Citus,
/// or kept local) or its Citus distribution.
fn held(t: &Table) -> Option<&Distribution> {
    t.distribution.as_ref().filter(|d| d.is_citus())
}

/// The tables `t`'s foreign keys reference, itself left out.
fn targets(t: &Table) -> Vec<Ident> {
    let mut out: Vec<Ident> = Vec::new();
    for c in &t.constraints {
        if let ConstraintKind::ForeignKey { references, .. } = &c.kind
            && references.name != t.name
            && !out.contains(&references.name)
        {
            out.push(references.name.clone());
        }
    }
    out
}

/// The change that hands a newly created table to Citus, if any.
pub fn create(t: &Table) -> Option<Change> {
    held(t).map(|d| Change::DistributeTable {
        table: t.name.clone(),
        distribution: d.clone(),
        colocate_with: None,
        references: targets(t),
        existing: false,
        toast: toast(t),
    })
}

/// The TOAST storage parameters (`toast.…`) of `t` and of its partitions,
/// by relation, for those that have any.
fn toast(t: &Table) -> Vec<(Ident, StorageOptions)> {
    fn only(options: &StorageOptions) -> StorageOptions {
        options
            .iter()
            .filter(|(k, _)| k.starts_with("toast."))
            .cloned()
            .collect()
    }
    fn partitions(ps: &[Partition], out: &mut Vec<(Ident, StorageOptions)>) {
        for p in ps {
            let o = only(&p.options);
            if !o.is_empty() {
                out.push((p.name.clone(), o));
            }
            partitions(&p.partitions, out);
        }
    }
    let mut out = Vec::new();
    let o = only(&t.options);
    if !o.is_empty() {
        out.push((t.name.clone(), o));
    }
    partitions(&t.partitions, &mut out);
    out
}
