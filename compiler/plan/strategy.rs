//! Lock-aware strategies: how a change to a table that already holds data is
//! carried out without blocking the application for the length of a scan or
//! an index build, and which lock each statement takes. Tables created in the
//! same plan are empty, so they keep the plain, transactional form.

use crate::diff::{Change, CommentTarget};
use crate::model::clones;
use crate::model::*;

/// Rewrite changes on existing tables; returns the changes and (before,
/// after) index pairs that must stay in order. `new` is the model the plan
/// leads to (where the names of partitions' indexes come from).
pub fn apply(
    old: &Schema,
    new: &Schema,
    changes: Vec<Change>,
) -> (Vec<Change>, Vec<(usize, usize)>) {
    // Columns this plan drops or retypes: an index on one of them is dropped
    // in the same transaction as the column (that statement locks the table
    // anyway), so the down file recreates the index after the column is back.
    let reshaped: Vec<(Ident, Ident)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropColumn { table, column } => Some((table.clone(), column.name.clone())),
            Change::AlterColumnType { table, column, .. } => Some((table.clone(), column.clone())),
            _ => None,
        })
        .collect();
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    let mut chains = Vec::new();
    let chain = |out: &mut Vec<Change>, chains: &mut Vec<(usize, usize)>, seq: Vec<Change>| {
        let edges = (1..seq.len()).map(|i| (i - 1, i)).collect();
        push(out, chains, seq, edges);
    };
    for change in changes {
        match change {
            Change::CreateIndex {
                table,
                index,
                concurrently: false,
                only: false,
            } if existing(old, &table) => {
                match old
                    .table(table.as_str())
                    .filter(|t| t.partitioning.is_some())
                {
                    Some(t) => {
                        let mut seq = Vec::new();
                        let mut edges = Vec::new();
                        // The partitions the table will have, named as the model names them.
                        let partitions = new
                            .tables
                            .iter()
                            .find(|n| n.name == table || n.was.as_ref() == Some(&t.name))
                            .map_or(&t.partitions, |n| &n.partitions);
                        partitioned_index(&table, &index, partitions, &mut seq, &mut edges);
                        push(&mut out, &mut chains, seq, edges);
                    }
                    None => out.push(Change::CreateIndex {
                        table,
                        index,
                        concurrently: true,
                        only: false,
                    }),
                }
            }
            Change::DropIndex {
                table,
                index,
                concurrently: false,
            } if existing(old, &table)
                && !partitioned(old, &table)
                && !reshaped
                    .iter()
                    .any(|(t, c)| *t == table && index.uses_column(c.as_str())) =>
            {
                out.push(Change::DropIndex {
                    table,
                    index,
                    concurrently: true,
                })
            }
            Change::AddConstraint {
                table,
                constraint,
                not_valid: false,
            } if existing(old, &table)
                && !partitioned(old, &table)
                && !constraint.not_valid
                && matches!(
                    constraint.kind,
                    ConstraintKind::ForeignKey { .. } | ConstraintKind::Check { .. }
                ) =>
            {
                let name = constraint.name.clone();
                chain(
                    &mut out,
                    &mut chains,
                    vec![
                        Change::AddConstraint {
                            table: table.clone(),
                            constraint,
                            not_valid: true,
                        },
                        Change::ValidateConstraint {
                            table,
                            name,
                            was: None,
                        },
                    ],
                );
            }
            Change::AddConstraint {
                table,
                constraint,
                not_valid: false,
            } if existing(old, &table)
                && !partitioned(old, &table)
                && matches!(
                    constraint.kind,
                    ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
                ) =>
            {
                // Build the index without blocking writes, then adopt it.
                let (columns, nulls_not_distinct) = match &constraint.kind {
                    ConstraintKind::Unique {
                        columns,
                        nulls_not_distinct,
                        ..
                    } => (columns.clone(), *nulls_not_distinct),
                    other => (other.columns().to_vec(), false),
                };
                let index = Index {
                    name: constraint.name.clone(),
                    method: IndexMethod::Btree,
                    unique: true,
                    keys: columns.into_iter().map(IndexKey::column).collect(),
                    include: Vec::new(),
                    predicate: None,
                    nulls_not_distinct,
                    origin: constraint.origin,
                    comment: None,
                    options: Default::default(),
                };
                chain(
                    &mut out,
                    &mut chains,
                    vec![
                        Change::CreateIndex {
                            table: table.clone(),
                            index,
                            concurrently: true,
                            only: false,
                        },
                        Change::AddConstraintUsingIndex { table, constraint },
                    ],
                );
            }
            Change::AddConstraint {
                table,
                constraint,
                not_valid: false,
            } if existing(old, &table)
                && partitioned(old, &table)
                && matches!(
                    constraint.kind,
                    ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
                ) =>
            {
                let partitions = new
                    .table(table.as_str())
                    .or_else(|| old.table(table.as_str()))
                    .map(|t| t.partitions.clone())
                    .unwrap_or_default();
                let mut seq = Vec::new();
                let mut edges = Vec::new();
                partitioned_key(&table, &constraint, &partitions, &mut seq, &mut edges);
                // Every build before any adoption: one file of concurrent
                // builds, then one transaction.
                let builds: Vec<usize> = (0..seq.len())
                    .filter(|&i| matches!(seq[i], Change::CreateIndex { .. }))
                    .collect();
                let adopts: Vec<usize> = (0..seq.len())
                    .filter(|&i| matches!(seq[i], Change::AddConstraintUsingIndex { .. }))
                    .collect();
                for &b in &builds {
                    edges.extend(adopts.iter().map(|&a| (b, a)));
                }
                push(&mut out, &mut chains, seq, edges);
            }
            Change::SetNotNull { table, column }
                if old
                    .table(table.as_str())
                    .is_some_and(|t| t.column(column.as_str()).is_some())
                    && !partitioned(old, &table) =>
            {
                // PostgreSQL 12+ skips the full-table scan of SET NOT NULL when a
                // valid CHECK (col IS NOT NULL) proves it.
                let helper = Constraint {
                    name: fit_name(&format!("{table}_{column}_not_null")),
                    kind: ConstraintKind::Check {
                        expr: format!("{} IS NOT NULL", quote_ident(column.as_str())),
                        no_inherit: false,
                    },
                    origin: Origin::Unknown,
                    comment: None,
                    not_valid: false,
                    index_comment: None,
                };
                chain(
                    &mut out,
                    &mut chains,
                    vec![
                        Change::AddConstraint {
                            table: table.clone(),
                            constraint: helper.clone(),
                            not_valid: true,
                        },
                        Change::ValidateConstraint {
                            table: table.clone(),
                            name: helper.name.clone(),
                            was: None,
                        },
                        Change::SetNotNull {
                            table: table.clone(),
                            column,
                        },
                        Change::DropConstraint {
                            table,
                            constraint: helper,
                        },
                    ],
                );
            }
            other => out.push(other),
        }
    }
    (out, chains)
}

pub(super) fn existing(old: &Schema, relation: &Ident) -> bool {
    fn among(partitions: &[Partition], name: &Ident) -> bool {
        partitions
            .iter()
            .any(|p| p.name == *name || among(&p.partitions, name))
    }
    old.table(relation.as_str()).is_some()
        || old.view(relation.as_str()).is_some_and(|v| v.materialized)
        || old
            .tables
            .iter()
            .any(|t| t.partitioning.is_some() && among(&t.partitions, relation))
}

fn partitioned(old: &Schema, table: &Ident) -> bool {
    old.table(table.as_str())
        .is_some_and(|t| t.partitioning.is_some())
}

/// Append `seq` to `out`, with ordering pairs given as positions within `seq`.
fn push(
    out: &mut Vec<Change>,
    chains: &mut Vec<(usize, usize)>,
    seq: Vec<Change>,
    edges: Vec<(usize, usize)>,
) {
    let start = out.len();
    out.extend(seq);
    chains.extend(edges.into_iter().map(|(a, b)| (start + a, start + b)));
}

/// `CREATE INDEX CONCURRENTLY` is refused on a partitioned table. Instead:
/// an invalid index on the parent alone (`ON ONLY`), a concurrent build on
/// each partition, and `ATTACH PARTITION` of each; the parent's index becomes
/// valid when the last partition's is attached. Returns the position of the
/// parent's index creation in `seq`.
fn partitioned_index(
    table: &Ident,
    index: &Index,
    partitions: &[Partition],
    seq: &mut Vec<Change>,
    edges: &mut Vec<(usize, usize)>,
) -> usize {
    let parent = seq.len();
    seq.push(Change::CreateIndex {
        table: table.clone(),
        index: index.clone(),
        concurrently: false,
        only: true,
    });
    for p in partitions {
        let name = p
            .clones
            .iter()
            .find(|c| !c.constraint && c.of == index.name)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| {
                clones::index_name(
                    p.name.as_str(),
                    &clones::Source::of_index(index),
                    &mut Default::default(),
                )
            });
        let child = Index {
            name,
            ..index.clone()
        };
        let built = if p.partitioning.is_some() {
            partitioned_index(&p.name, &child, &p.partitions, seq, edges)
        } else {
            seq.push(Change::CreateIndex {
                table: p.name.clone(),
                index: child.clone(),
                concurrently: true,
                only: false,
            });
            seq.len() - 1
        };
        edges.push((parent, built));
        seq.push(Change::AttachIndex {
            parent: index.name.clone(),
            child: child.name.clone(),
        });
        edges.push((built, seq.len() - 1));
    }
    parent
}

/// A primary key or unique constraint on a partitioned table: PostgreSQL
/// refuses `USING INDEX` there, but adding the constraint to the parent
/// adopts each partition's matching constraint instead of building an index.
/// So each leaf gets its unique index built concurrently and adopted as its
/// constraint, then each partitioned level gets the constraint (catalog
/// only), the parent last. Returns the parent's step in `seq`.
fn partitioned_key(
    table: &Ident,
    constraint: &Constraint,
    partitions: &[Partition],
    seq: &mut Vec<Change>,
    edges: &mut Vec<(usize, usize)>,
) -> usize {
    let mut children = Vec::new();
    for p in partitions {
        let name = p
            .clones
            .iter()
            .find(|c| !c.constraint && c.of == constraint.name)
            .map(|c| c.name.clone())
            .or_else(|| {
                clones::Source::of_constraint(constraint)
                    .map(|s| clones::index_name(p.name.as_str(), &s, &mut Default::default()))
            })
            .unwrap_or_else(|| constraint.name.clone());
        let child = Constraint {
            name,
            ..constraint.clone()
        };
        if p.partitioning.is_some() {
            children.push(partitioned_key(&p.name, &child, &p.partitions, seq, edges));
            continue;
        }
        let (columns, nulls_not_distinct) = match &child.kind {
            ConstraintKind::Unique {
                columns,
                nulls_not_distinct,
                ..
            } => (columns.clone(), *nulls_not_distinct),
            other => (other.columns().to_vec(), false),
        };
        seq.push(Change::CreateIndex {
            table: p.name.clone(),
            index: Index {
                name: child.name.clone(),
                method: IndexMethod::Btree,
                unique: true,
                keys: columns.into_iter().map(IndexKey::column).collect(),
                include: Vec::new(),
                predicate: None,
                nulls_not_distinct,
                origin: child.origin,
                comment: None,
                options: Default::default(),
            },
            concurrently: true,
            only: false,
        });
        let built = seq.len() - 1;
        seq.push(Change::AddConstraintUsingIndex {
            table: p.name.clone(),
            constraint: child,
        });
        edges.push((built, seq.len() - 1));
        children.push(seq.len() - 1);
    }
    seq.push(Change::AddConstraint {
        table: table.clone(),
        constraint: constraint.clone(),
        not_valid: false,
    });
    let me = seq.len() - 1;
    edges.extend(children.into_iter().map(|c| (c, me)));
    me
}

/// The lock a statement takes on a table that already exists (None for new
/// objects nobody can be using yet).
pub fn lock(old: &Schema, change: &Change) -> Option<&'static str> {
    let on = |t: &Ident| existing(old, t);
    Some(match change {
        // What a concurrent build takes, also on a partition created by the
        // same plan (its earlier transaction has committed by then).
        Change::CreateIndex {
            concurrently: true, ..
        }
        | Change::CreateIndex { only: true, .. } => "SHARE UPDATE EXCLUSIVE",
        Change::CreateIndex {
            table,
            concurrently,
            only,
            ..
        } if on(table) => {
            if *concurrently || *only {
                "SHARE UPDATE EXCLUSIVE"
            } else {
                "SHARE"
            }
        }
        Change::DropIndex {
            table,
            concurrently,
            ..
        } if on(table) => {
            if *concurrently {
                "SHARE UPDATE EXCLUSIVE"
            } else {
                "ACCESS EXCLUSIVE"
            }
        }
        Change::AddConstraint {
            table, constraint, ..
        } if on(table) => match constraint.kind {
            ConstraintKind::ForeignKey { .. } => "SHARE ROW EXCLUSIVE",
            _ => "ACCESS EXCLUSIVE",
        },
        // A new table's foreign key still locks the table it references.
        Change::AddConstraint { constraint, .. } => match &constraint.kind {
            ConstraintKind::ForeignKey { references, .. } if on(&references.name) => {
                "SHARE ROW EXCLUSIVE"
            }
            _ => return None,
        },
        Change::AddConstraintUsingIndex { table, .. } if on(table) => "ACCESS EXCLUSIVE",
        Change::ValidateConstraint { table, .. } if on(table) => "SHARE UPDATE EXCLUSIVE",
        Change::AttachIndex { .. } => "SHARE UPDATE EXCLUSIVE",
        Change::AttachPartition { parent, .. } if on(parent) => "SHARE UPDATE EXCLUSIVE",
        // Both take the parent's strongest lock, briefly (no scan).
        Change::DetachPartition { parent, .. } | Change::CreatePartition { parent, .. }
            if on(parent) =>
        {
            "ACCESS EXCLUSIVE"
        }
        Change::CreatePolicy { table, .. } | Change::DropPolicy { table, .. } if on(table) => {
            "ACCESS EXCLUSIVE"
        }
        Change::CreateTrigger { table, .. }
        | Change::DropTrigger { table, .. }
        | Change::SetTriggerEnabled { table, .. }
            if on(table) =>
        {
            "SHARE ROW EXCLUSIVE"
        }
        Change::RenameTrigger { table, .. } if on(table) => "ACCESS EXCLUSIVE",
        Change::SetComment { target, .. } => match target {
            CommentTarget::Table { table } | CommentTarget::Column { table, .. } if on(table) => {
                "SHARE UPDATE EXCLUSIVE"
            }
            CommentTarget::View { view, .. } | CommentTarget::ViewColumn { view, .. }
                if old.view(view.as_str()).is_some() =>
            {
                "SHARE UPDATE EXCLUSIVE"
            }
            CommentTarget::Constraint { table, .. }
            | CommentTarget::Policy { table, .. }
            | CommentTarget::Trigger { table, .. }
                if on(table) =>
            {
                "SHARE UPDATE EXCLUSIVE"
            }
            _ => return None,
        },
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
        | Change::DropConstraint { table, .. }
        | Change::RenameConstraint { table, .. }
        | Change::EnableRls { table }
        | Change::DisableRls { table }
        | Change::ForceRls { table }
        | Change::NoForceRls { table }
        | Change::DropPartition { parent: table, .. }
        | Change::AlterIdentity { table, .. }
        | Change::SetCollation { table, .. }
        | Change::SetLogged { table, .. }
        | Change::SetReplicaIdentity { table, .. }
        | Change::Inherit { table, .. }
        | Change::NoInherit { table, .. }
            if on(table) =>
        {
            "ACCESS EXCLUSIVE"
        }
        // Fillfactor, autovacuum and planner parameters (what schemac sets).
        Change::SetOptions {
            target: crate::diff::OptionsTarget::Table { table },
            ..
        } if on(table) => "SHARE UPDATE EXCLUSIVE",
        Change::DropTable { table } if on(&table.name) => "ACCESS EXCLUSIVE",
        // Lifting forced row security for the copy takes the strongest lock;
        // otherwise writes wait and reads go on.
        Change::CopyRows { from, .. } if on(&from.name) => {
            if from.rls.forced {
                "ACCESS EXCLUSIVE"
            } else {
                "EXCLUSIVE"
            }
        }
        Change::SwapTable { old: t, .. } if on(&t.name) => "ACCESS EXCLUSIVE",
        // DETACH of the default partition locks the parent for the move.
        Change::SplitPartition { parent, .. } | Change::MergePartition { parent, .. }
            if on(parent) =>
        {
            "ACCESS EXCLUSIVE"
        }
        Change::RenameTable { from, .. } if on(from) => "ACCESS EXCLUSIVE",
        Change::DropView { view } if old.view(view.name.as_str()).is_some() => "ACCESS EXCLUSIVE",
        _ => return None,
    })
}
