//! The differ: two models of one tier in, the list of [`Change`]s that turns
//! the first into the second out. Pure: no SQL text, no ordering (the planner
//! orders), no I/O. Declared renames (`was:`) become renames, never drop + add.

mod change;
mod sequence;

use std::collections::{HashMap, HashSet};

pub use change::{Change, CommentTarget, EnumColumn, EnumDependent, EnumRebuild, OptionsTarget};

use crate::model::*;

/// Everything that turns `old` into `new`.
pub fn between(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    if old.is_empty() && !new.is_empty() && new.name != "public" {
        out.push(Change::CreateSchema);
    }
    diff_extensions(old, new, &mut out);
    diff_enums(old, new, &mut out);
    sequence::diff(old, new, &mut out);
    diff_functions(old, new, &mut out);
    let mut touched = diff_tables(old, new, &mut out);
    for c in &out {
        if let Change::RebuildEnum { rebuild } = c {
            for col in &rebuild.columns {
                touch(&mut touched, &col.table, Some(col.column.as_str()));
            }
        }
    }
    diff_views(old, new, &touched, &mut out);
    if new.is_empty() && !old.is_empty() && old.name != "public" {
        out.push(Change::DropSchema);
    }
    out
}

fn diff_extensions(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for e in &new.extensions {
        if !old.extensions.iter().any(|o| o.name == e.name) {
            out.push(Change::CreateExtension {
                extension: e.clone(),
            });
        }
    }
    for e in &old.extensions {
        if !new.extensions.iter().any(|n| n.name == e.name) {
            out.push(Change::DropExtension {
                extension: e.clone(),
            });
        }
    }
}

/// Every column of `schema` whose type is the enum `name`.
fn enum_columns(schema: &Schema, name: &Ident) -> Vec<EnumColumn> {
    schema
        .tables
        .iter()
        .flat_map(|t| {
            t.columns
                .iter()
                .filter(|c| c.ty.kind == TypeKind::Enum && c.ty.base == name.as_str())
                .map(|c| EnumColumn {
                    table: t.name.clone(),
                    column: c.name.clone(),
                    array: c.ty.array_dims > 0,
                    default: c.default.clone(),
                })
        })
        .collect()
}

/// The checks, indexes and policies that mention a column of `columns` and
/// are the same in both models. One that changes is dropped and created by
/// its own changes, which the planner puts before and after the rebuild.
fn enum_dependents(a: &Schema, b: &Schema, columns: &[EnumColumn]) -> Vec<EnumDependent> {
    let mut out = Vec::new();
    let mut tables: Vec<&Ident> = columns.iter().map(|c| &c.table).collect();
    tables.dedup();
    for name in tables {
        let (Some(ta), Some(tb)) = (a.table(name.as_str()), b.table(name.as_str())) else {
            continue;
        };
        let cols: Vec<&str> = columns
            .iter()
            .filter(|c| &c.table == name)
            .map(|c| c.column.as_str())
            .collect();
        // `words` folds unquoted identifiers as PostgreSQL does.
        let mentions = |expr: &str| {
            crate::model::sql::words(expr)
                .unwrap_or_default()
                .iter()
                .any(|w| cols.contains(&w.text.as_str()))
        };
        for c in &tb.constraints {
            if let ConstraintKind::Check { expr, .. } = &c.kind
                && mentions(expr)
                && ta
                    .constraints
                    .iter()
                    .any(|o| o.name == c.name && o.kind == c.kind)
            {
                out.push(EnumDependent::Check {
                    table: name.clone(),
                    constraint: c.clone(),
                });
            }
        }
        for i in &tb.indexes {
            let reads = i.predicate.as_deref().is_some_and(mentions)
                || i.keys.iter().any(|k| match &k.expr {
                    KeyExpr::Expr(e) => mentions(e),
                    KeyExpr::Column(_) => false,
                });
            if reads && ta.indexes.contains(i) {
                out.push(EnumDependent::Index {
                    table: name.clone(),
                    index: i.clone(),
                });
            }
        }
        let policies = |t: &Table| -> Vec<(Ident, Policy)> {
            let mut all: Vec<(Ident, Policy)> = t
                .policies
                .iter()
                .map(|p| (t.name.clone(), p.clone()))
                .collect();
            for p in t.all_partitions() {
                all.extend(p.policies.iter().map(|q| (p.name.clone(), q.clone())));
            }
            all
        };
        let before = policies(ta);
        for (table, policy) in policies(tb) {
            let reads = policy.using.as_deref().is_some_and(mentions)
                || policy.with_check.as_deref().is_some_and(mentions);
            if reads && before.iter().any(|(t, p)| *t == table && *p == policy) {
                out.push(EnumDependent::Policy { table, policy });
            }
        }
    }
    out
}

/// Whether `old` values survive, in order, in `new` (so only additions happened).
fn only_added(old: &[String], new: &[String]) -> bool {
    let kept: Vec<&String> = new.iter().filter(|v| old.contains(v)).collect();
    kept.len() == old.len() && kept.iter().zip(old).all(|(a, b)| *a == b)
}

fn diff_enums(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for e in &new.enums {
        match old.enums.iter().find(|o| o.name == e.name) {
            None => {
                out.push(Change::CreateEnum { r#enum: e.clone() });
            }
            Some(o) => {
                // Columns (and defaults) as they are when the rebuild runs:
                // after `schema` for a forward rebuild, before it for an undo.
                let rebuild = |values: &[String], previous: &[String], schema: &Schema| {
                    let columns = enum_columns(schema, &e.name);
                    Box::new(EnumRebuild {
                        name: e.name.clone(),
                        old_name: fit_name(&format!("{}__old", e.name)),
                        values: values.to_vec(),
                        previous: previous.to_vec(),
                        dependents: enum_dependents(old, new, &columns),
                        columns,
                    })
                };
                if only_added(&o.values, &e.values) {
                    // New values are added in place (ALTER TYPE … ADD VALUE).
                    for (i, v) in e.values.iter().enumerate() {
                        if !o.values.contains(v) {
                            let before = e.values[i + 1..]
                                .iter()
                                .find(|n| o.values.contains(n))
                                .cloned();
                            out.push(Change::AddEnumValue {
                                name: e.name.clone(),
                                value: v.clone(),
                                before,
                                undo: rebuild(&o.values, &e.values, old),
                            });
                        }
                    }
                } else {
                    // PostgreSQL cannot remove or reorder values in place.
                    out.push(Change::RebuildEnum {
                        rebuild: rebuild(&e.values, &o.values, new),
                    });
                }
                if o.comment != e.comment {
                    out.push(Change::SetComment {
                        target: CommentTarget::Type {
                            name: e.name.clone(),
                        },
                        comment: e.comment.clone(),
                        old: o.comment.clone(),
                    });
                }
            }
        }
    }
    for e in &old.enums {
        if !new.enums.iter().any(|n| n.name == e.name) {
            out.push(Change::DropEnum { r#enum: e.clone() });
        }
    }
}

fn diff_functions(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for f in &new.functions {
        match old.functions.iter().find(|o| o.name == f.name) {
            None => out.push(Change::CreateFunction {
                function: f.clone(),
            }),
            Some(o) if o != f => out.push(Change::ReplaceFunction {
                function: f.clone(),
                old: o.clone(),
            }),
            Some(_) => {}
        }
    }
    for f in &old.functions {
        if !new.functions.iter().any(|n| n.name == f.name) {
            out.push(Change::DropFunction {
                function: f.clone(),
            });
        }
    }
}

/// The table as `CREATE TABLE` writes it: columns and the constraints that can
/// be declared inline. Foreign keys, indexes, partitions, RLS, policies and
/// triggers are separate changes so the planner can order them.
fn table_shell(t: &Table) -> Table {
    Table {
        name: t.name.clone(),
        comment: t.comment.clone(),
        tenancy: t.tenancy,
        columns: t.columns.clone(),
        constraints: t
            .constraints
            .iter()
            .filter(|c| inline(c))
            .cloned()
            .collect(),
        partitioning: t.partitioning.clone(),
        options: t.options.clone(),
        inherits: t.inherits.clone(),
        unlogged: t.unlogged,
        was: t.was.clone(),
        deprecated: t.deprecated.clone(),
        origin: t.origin,
        ..Table::new(t.name.clone())
    }
}

/// Whether `CREATE TABLE` declares the constraint itself: not foreign keys
/// (ordered on their own) nor constraints added `NOT VALID` (which CREATE
/// TABLE would validate).
fn inline(c: &Constraint) -> bool {
    !matches!(c.kind, ConstraintKind::ForeignKey { .. }) && !c.not_valid
}

/// Constraints `CREATE TABLE` leaves out. (Templates that create a
/// constraint, index or policy also set its comment.)
fn constraints_after(table: &Ident, constraints: &[Constraint], out: &mut Vec<Change>) {
    for c in constraints {
        if !inline(c) {
            out.push(Change::AddConstraint {
                table: table.clone(),
                constraint: c.clone(),
                not_valid: false,
            });
        }
    }
}

fn create_index(table: &Ident, index: &Index, out: &mut Vec<Change>) {
    out.push(Change::CreateIndex {
        table: table.clone(),
        index: index.clone(),
        concurrently: false,
        only: false,
    });
}

/// A comment change on an object that stays.
fn comment_change(
    target: CommentTarget,
    old: &Option<String>,
    new: &Option<String>,
    out: &mut Vec<Change>,
) {
    if old != new {
        out.push(Change::SetComment {
            target,
            comment: new.clone(),
            old: old.clone(),
        });
    }
}

/// Comments of policies that stay, changed.
fn policy_comments(table: &Ident, old: &[Policy], new: &[Policy], out: &mut Vec<Change>) {
    for p in new {
        if let Some(o) = old.iter().find(|o| o.name == p.name && same_policy(o, p)) {
            let target = CommentTarget::Policy {
                table: table.clone(),
                name: p.name.clone(),
            };
            comment_change(target, &o.comment, &p.comment, out);
        }
    }
}

/// Same policy but for its comment, which changes in place.
fn same_policy(a: &Policy, b: &Policy) -> bool {
    Policy {
        comment: None,
        ..a.clone()
    } == Policy {
        comment: None,
        ..b.clone()
    }
}

/// Every change that creates `t` and what it carries.
pub fn create_table(t: &Table) -> Vec<Change> {
    let mut out = vec![Change::CreateTable {
        table: table_shell(t),
    }];
    constraints_after(&t.name, &t.constraints, &mut out);
    for i in &t.indexes {
        create_index(&t.name, i, &mut out);
    }
    if !t.replica_identity.is_default() {
        out.push(Change::SetReplicaIdentity {
            table: t.name.clone(),
            identity: t.replica_identity.clone(),
            old: ReplicaIdentity::Default,
        });
    }
    rls_changes(&t.name, &Rls::default(), &t.rls, &[], &t.policies, &mut out);
    for p in &t.partitions {
        out.extend(create_partition(&t.name, p));
    }
    for tr in &t.triggers {
        out.push(Change::CreateTrigger {
            table: t.name.clone(),
            trigger: tr.clone(),
        });
    }
    out
}

/// Every change that creates partition `p` of `parent`, sub-partitions included.
pub fn create_partition(parent: &Ident, p: &Partition) -> Vec<Change> {
    let mut shell = p.clone();
    shell.partitions.clear();
    shell.policies.clear();
    shell.rls = Rls::default();
    shell.indexes.clear();
    shell.constraints.clear();
    let mut out = vec![Change::CreatePartition {
        parent: parent.clone(),
        partition: shell,
    }];
    for c in &p.constraints {
        out.push(Change::AddConstraint {
            table: p.name.clone(),
            constraint: c.clone(),
            not_valid: false,
        });
    }
    for i in &p.indexes {
        create_index(&p.name, i, &mut out);
    }
    rls_changes(&p.name, &Rls::default(), &p.rls, &[], &p.policies, &mut out);
    for child in &p.partitions {
        out.extend(create_partition(&p.name, child));
    }
    out
}

/// Every change that creates view `v`, indexes of a materialized view included.
pub fn create_view(v: &View) -> Vec<Change> {
    let mut shell = v.clone();
    shell.indexes.clear();
    let mut out = vec![Change::CreateView { view: shell }];
    for i in &v.indexes {
        out.push(Change::CreateIndex {
            table: v.name.clone(),
            index: i.clone(),
            concurrently: false,
            only: false,
        });
    }
    out
}

fn rls_changes(
    table: &Ident,
    old: &Rls,
    new: &Rls,
    old_p: &[Policy],
    new_p: &[Policy],
    out: &mut Vec<Change>,
) {
    if new.enabled && !old.enabled {
        out.push(Change::EnableRls {
            table: table.clone(),
        });
    }
    if new.forced && !old.forced {
        out.push(Change::ForceRls {
            table: table.clone(),
        });
    }
    for p in old_p {
        match new_p.iter().find(|n| n.name == p.name) {
            Some(n) if same_policy(n, p) => {}
            _ => out.push(Change::DropPolicy {
                table: table.clone(),
                policy: p.clone(),
            }),
        }
    }
    for p in new_p {
        match old_p.iter().find(|o| o.name == p.name) {
            Some(o) if same_policy(o, p) => {}
            _ => out.push(Change::CreatePolicy {
                table: table.clone(),
                policy: p.clone(),
            }),
        }
    }
    policy_comments(table, old_p, new_p, out);
    if old.forced && !new.forced {
        out.push(Change::NoForceRls {
            table: table.clone(),
        });
    }
    if old.enabled && !new.enabled {
        out.push(Change::DisableRls {
            table: table.clone(),
        });
    }
}

/// Columns that change shape (retyped, renamed, dropped) per table; `None`
/// for a table dropped whole. Views reading them are rebuilt.
type Touched = HashMap<Ident, Option<HashSet<String>>>;

fn touch(touched: &mut Touched, table: &Ident, column: Option<&str>) {
    match column {
        None => {
            touched.insert(table.clone(), None);
        }
        Some(c) => {
            // A table dropped whole (None) stays so.
            if let Some(cols) = touched
                .entry(table.clone())
                .or_insert_with(|| Some(HashSet::new()))
            {
                cols.insert(c.to_ascii_lowercase());
            }
        }
    }
}

fn diff_tables(old: &Schema, new: &Schema, out: &mut Vec<Change>) -> Touched {
    let mut touched = Touched::new();
    let old_index = old.table_index();
    let new_index = new.table_index();
    let mut matched_old: HashSet<&str> = HashSet::new();
    for t in &new.tables {
        let prior = old_index.get(t.name.as_str()).copied().or_else(|| {
            t.was
                .as_ref()
                .and_then(|w| old_index.get(w.as_str()).copied())
                .filter(|o| !new_index.contains_key(o.name.as_str()))
        });
        match prior {
            None => out.extend(create_table(t)),
            Some(o) => {
                matched_old.insert(o.name.as_str());
                if o.name != t.name {
                    out.push(Change::RenameTable {
                        from: o.name.clone(),
                        to: t.name.clone(),
                    });
                }
                for column in diff_table(o, t, out) {
                    touch(&mut touched, &t.name, Some(&column));
                }
            }
        }
    }
    for t in &old.tables {
        if !matched_old.contains(t.name.as_str()) {
            out.push(Change::DropTable { table: t.clone() });
            touch(&mut touched, &t.name, None);
        }
    }
    touched
}

/// Changes within one table (already renamed to the new name). Returns the
/// columns dropped, retyped or renamed (old and new names), which views
/// reading them cannot survive.
fn diff_table(old: &Table, new: &Table, out: &mut Vec<Change>) -> Vec<String> {
    let name = &new.name;
    let mut reshaped: Vec<String> = Vec::new();
    let mut matched: HashSet<&str> = HashSet::new();
    for c in &new.columns {
        let prior = old.column(c.name.as_str()).or_else(|| {
            c.was
                .as_ref()
                .and_then(|w| old.column(w.as_str()))
                .filter(|o| new.column(o.name.as_str()).is_none())
        });
        let Some(o) = prior else {
            out.push(Change::AddColumn {
                table: name.clone(),
                column: c.clone(),
            });
            continue;
        };
        matched.insert(o.name.as_str());
        if o.name != c.name {
            out.push(Change::RenameColumn {
                table: name.clone(),
                from: o.name.clone(),
                to: c.name.clone(),
            });
            reshaped.push(o.name.to_string());
            reshaped.push(c.name.to_string());
        }
        diff_column(name, o, c, out, &mut reshaped);
    }
    for c in &old.columns {
        if !matched.contains(c.name.as_str()) {
            out.push(Change::DropColumn {
                table: name.clone(),
                column: c.clone(),
            });
            reshaped.push(c.name.to_string());
        }
    }
    diff_constraints(name, &old.constraints, &new.constraints, out);
    diff_indexes(name, &old.indexes, &new.indexes, out);
    rls_changes(name, &old.rls, &new.rls, &old.policies, &new.policies, out);
    if old.options != new.options {
        out.push(Change::SetOptions {
            target: OptionsTarget::Table {
                table: name.clone(),
            },
            options: new.options.clone(),
            old: old.options.clone(),
        });
    }
    if old.replica_identity != new.replica_identity {
        out.push(Change::SetReplicaIdentity {
            table: name.clone(),
            identity: new.replica_identity.clone(),
            old: old.replica_identity.clone(),
        });
    }
    for p in &old.inherits {
        if !new.inherits.contains(p) {
            out.push(Change::NoInherit {
                table: name.clone(),
                parent: p.clone(),
            });
        }
    }
    for p in &new.inherits {
        if !old.inherits.contains(p) {
            out.push(Change::Inherit {
                table: name.clone(),
                parent: p.clone(),
            });
        }
    }
    if old.unlogged != new.unlogged {
        out.push(Change::SetLogged {
            table: name.clone(),
            logged: !new.unlogged,
        });
    }
    let renamed = (old.name != new.name).then_some((old.name.as_str(), new.name.as_str()));
    diff_partitions(name, &old.partitions, &new.partitions, renamed, out);
    for tr in &old.triggers {
        if !new.triggers.contains(tr) {
            out.push(Change::DropTrigger {
                table: name.clone(),
                trigger: tr.clone(),
            });
        }
    }
    for tr in &new.triggers {
        if !old.triggers.contains(tr) {
            out.push(Change::CreateTrigger {
                table: name.clone(),
                trigger: tr.clone(),
            });
        }
    }
    if old.comment != new.comment {
        out.push(Change::SetComment {
            target: CommentTarget::Table {
                table: name.clone(),
            },
            comment: new.comment.clone(),
            old: old.comment.clone(),
        });
    }
    reshaped
}

fn diff_column(
    table: &Ident,
    o: &Column,
    c: &Column,
    out: &mut Vec<Change>,
    reshaped: &mut Vec<String>,
) {
    let col = || c.name.clone();
    if o.ty != c.ty {
        out.push(Change::AlterColumnType {
            table: table.clone(),
            column: col(),
            from: o.ty.clone(),
            to: c.ty.clone(),
            rewrite: !crate::plan::hazards::binary_compatible(&o.ty, &c.ty),
        });
        reshaped.push(c.name.to_string());
    }
    if o.collation != c.collation && o.ty == c.ty {
        out.push(Change::SetCollation {
            table: table.clone(),
            column: col(),
            ty: c.ty.clone(),
            collation: c.collation.clone(),
            old: o.collation.clone(),
        });
        reshaped.push(c.name.to_string());
    }
    if let (Some(oi), Some(ni)) = (o.identity, c.identity)
        && (oi != ni || o.identity_options != c.identity_options)
    {
        out.push(Change::AlterIdentity {
            table: table.clone(),
            column: col(),
            ty: c.ty.base.clone(),
            identity: ni,
            options: c.identity_options.clone(),
            old_identity: oi,
            old: o.identity_options.clone(),
        });
    } else if o.identity != c.identity {
        if let Some(i) = o.identity {
            out.push(Change::DropIdentity {
                table: table.clone(),
                column: col(),
                identity: i,
                options: o.identity_options.clone(),
            });
        }
        if let Some(i) = c.identity {
            out.push(Change::AddIdentity {
                table: table.clone(),
                column: col(),
                identity: i,
                options: c.identity_options.clone(),
            });
        }
    }
    match (&o.default, &c.default) {
        (old, Some(new)) if old.as_ref() != Some(new) => out.push(Change::SetDefault {
            table: table.clone(),
            column: col(),
            default: new.clone(),
            old: old.clone(),
        }),
        (Some(old), None) => out.push(Change::DropDefault {
            table: table.clone(),
            column: col(),
            old: old.clone(),
        }),
        _ => {}
    }
    if o.nullable && !c.nullable {
        out.push(Change::SetNotNull {
            table: table.clone(),
            column: col(),
        });
    } else if !o.nullable && c.nullable {
        out.push(Change::DropNotNull {
            table: table.clone(),
            column: col(),
        });
    }
    if o.comment != c.comment {
        out.push(Change::SetComment {
            target: CommentTarget::Column {
                table: table.clone(),
                column: col(),
            },
            comment: c.comment.clone(),
            old: o.comment.clone(),
        });
    }
}

fn diff_constraints(table: &Ident, old: &[Constraint], new: &[Constraint], out: &mut Vec<Change>) {
    // Validity matters for a same constraint found by name only: one that
    // was NOT VALID is validated in place, one that becomes NOT VALID is
    // added again without checking the rows.
    let same = |a: &Constraint, b: &Constraint| a.kind == b.kind;
    let relaxed = |o: &Constraint, n: &Constraint| !o.not_valid && n.not_valid;
    for c in old {
        match new.iter().find(|n| n.name == c.name) {
            Some(n) if same(n, c) && !relaxed(c, n) => {}
            _ => {
                // A same definition under a new name is a rename.
                if new.iter().any(|n| {
                    same(n, c) && n.not_valid == c.not_valid && old.iter().all(|o| o.name != n.name)
                }) {
                    continue;
                }
                out.push(Change::DropConstraint {
                    table: table.clone(),
                    constraint: c.clone(),
                })
            }
        }
    }
    for c in new {
        let comment_on = |out: &mut Vec<Change>, before: &Constraint| {
            let target = CommentTarget::Constraint {
                table: table.clone(),
                name: c.name.clone(),
            };
            comment_change(target, &before.comment, &c.comment, out);
            let target = CommentTarget::Index {
                index: c.name.clone(),
            };
            comment_change(target, &before.index_comment, &c.index_comment, out);
        };
        match old.iter().find(|o| o.name == c.name) {
            Some(o) if same(o, c) && !relaxed(o, c) => {
                if o.not_valid && !c.not_valid {
                    out.push(Change::ValidateConstraint {
                        table: table.clone(),
                        name: c.name.clone(),
                    });
                }
                comment_on(out, o);
            }
            Some(_) => out.push(Change::AddConstraint {
                table: table.clone(),
                constraint: c.clone(),
                not_valid: false,
            }),
            None => match old.iter().find(|o| {
                same(o, c) && o.not_valid == c.not_valid && new.iter().all(|n| n.name != o.name)
            }) {
                Some(o) => {
                    out.push(Change::RenameConstraint {
                        table: table.clone(),
                        from: o.name.clone(),
                        to: c.name.clone(),
                    });
                    comment_on(out, o);
                }
                None => out.push(Change::AddConstraint {
                    table: table.clone(),
                    constraint: c.clone(),
                    not_valid: false,
                }),
            },
        }
    }
}

/// The index as built: what a change of requires a rebuild (not its name,
/// comment or storage parameters, which change in place).
fn built(i: &Index) -> Index {
    Index {
        name: Ident::new(""),
        comment: None,
        options: Default::default(),
        ..i.clone()
    }
}

fn same_index(a: &Index, b: &Index) -> bool {
    built(a) == built(b)
}

fn diff_indexes(table: &Ident, old: &[Index], new: &[Index], out: &mut Vec<Change>) {
    for i in old {
        match new.iter().find(|n| n.name == i.name) {
            Some(n) if same_index(n, i) => {}
            _ => {
                if new
                    .iter()
                    .any(|n| same_index(i, n) && old.iter().all(|o| o.name != n.name))
                {
                    continue;
                }
                out.push(Change::DropIndex {
                    table: table.clone(),
                    index: i.clone(),
                    concurrently: false,
                })
            }
        }
    }
    for i in new {
        let kept = |o: &Index, out: &mut Vec<Change>| {
            if o.options != i.options {
                out.push(Change::SetOptions {
                    target: OptionsTarget::Index {
                        index: i.name.clone(),
                    },
                    options: i.options.clone(),
                    old: o.options.clone(),
                });
            }
            let target = CommentTarget::Index {
                index: i.name.clone(),
            };
            comment_change(target, &o.comment, &i.comment, out);
        };
        match old.iter().find(|o| o.name == i.name) {
            Some(o) if same_index(o, i) => kept(o, out),
            Some(_) => create_index(table, i, out),
            None => match old
                .iter()
                .find(|o| same_index(o, i) && new.iter().all(|n| n.name != o.name))
            {
                Some(o) => {
                    out.push(Change::RenameIndex {
                        from: o.name.clone(),
                        to: i.name.clone(),
                    });
                    kept(o, out);
                }
                None => create_index(table, i, out),
            },
        }
    }
}

/// Partitions of `parent`. `renamed` is (old parent name, new parent name)
/// when the parent was renamed: children named after the old parent
/// (`events_2025_01`) are renamed with it (`activity_2025_01`), keeping rows.
fn diff_partitions(
    parent: &Ident,
    old: &[Partition],
    new: &[Partition],
    renamed: Option<(&str, &str)>,
    out: &mut Vec<Change>,
) {
    let same =
        |a: &Partition, b: &Partition| a.bound == b.bound && a.partitioning == b.partitioning;
    // The new name an old child takes, if its parent was renamed.
    let new_name = |o: &Partition| -> Ident {
        match renamed
            .and_then(|(from, to)| o.name.as_str().strip_prefix(from).map(|rest| (to, rest)))
        {
            Some((to, rest)) => fit_name(&format!("{to}{rest}")),
            None => o.name.clone(),
        }
    };
    for o in old {
        let target = new_name(o);
        match new.iter().find(|n| n.name == target) {
            Some(n) if same(o, n) => {
                if target != o.name {
                    out.push(Change::RenameTable {
                        from: o.name.clone(),
                        to: target.clone(),
                    });
                }
            }
            _ => out.push(Change::DropPartition {
                parent: parent.clone(),
                partition: o.clone(),
            }),
        }
    }
    for p in new {
        match old.iter().find(|o| new_name(o) == p.name) {
            Some(o) if same(o, p) => {
                rls_changes(&p.name, &o.rls, &p.rls, &o.policies, &p.policies, out);
                diff_constraints(&p.name, &o.constraints, &p.constraints, out);
                diff_indexes(&p.name, &o.indexes, &p.indexes, out);
                let target = CommentTarget::Table {
                    table: p.name.clone(),
                };
                comment_change(target, &o.comment, &p.comment, out);
                if o.options != p.options {
                    out.push(Change::SetOptions {
                        target: OptionsTarget::Table {
                            table: p.name.clone(),
                        },
                        options: p.options.clone(),
                        old: o.options.clone(),
                    });
                }
                let child_rename = (o.name != p.name).then_some((o.name.as_str(), p.name.as_str()));
                diff_partitions(&p.name, &o.partitions, &p.partitions, child_rename, out);
            }
            _ => out.extend(create_partition(parent, p)),
        }
    }
}

/// Whether view `v` reads a column that changes shape.
fn reads_touched(v: &View, touched: &Touched) -> bool {
    let words: HashSet<String> = crate::model::sql::words(&v.sql)
        .map(|ws| {
            ws.into_iter()
                .map(|w| w.text.to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    v.depends_on.iter().any(|d| match touched.get(d) {
        None => false,
        Some(None) => true,
        Some(Some(cols)) => v.sql.contains('*') || cols.iter().any(|c| words.contains(c)),
    })
}

fn diff_views(old: &Schema, new: &Schema, touched: &Touched, out: &mut Vec<Change>) {
    // A view is rebuilt when it changed, when it reads a column that changes
    // shape, or when a view it reads is rebuilt.
    let mut rebuilt: HashSet<&str> = HashSet::new();
    loop {
        let before = rebuilt.len();
        for v in &new.views {
            if let Some(o) = old.view(v.name.as_str())
                && (!o.same_definition(v)
                    || reads_touched(v, touched)
                    || v.depends_on.iter().any(|d| rebuilt.contains(d.as_str())))
            {
                rebuilt.insert(v.name.as_str());
            }
        }
        if rebuilt.len() == before {
            break;
        }
    }
    for v in &old.views {
        let keep = new.view(v.name.as_str()).is_some() && !rebuilt.contains(v.name.as_str());
        if !keep {
            out.push(Change::DropView { view: v.clone() });
        }
    }
    for v in &new.views {
        match old.view(v.name.as_str()) {
            Some(o) if !rebuilt.contains(v.name.as_str()) => {
                if o.options != v.options {
                    out.push(Change::SetOptions {
                        target: OptionsTarget::View {
                            view: v.name.clone(),
                            materialized: v.materialized,
                        },
                        options: v.options.clone(),
                        old: o.options.clone(),
                    });
                }
                let columns: std::collections::BTreeSet<&Ident> = o
                    .column_comments
                    .keys()
                    .chain(v.column_comments.keys())
                    .collect();
                for c in columns {
                    let target = CommentTarget::ViewColumn {
                        view: v.name.clone(),
                        column: c.clone(),
                    };
                    let (before, after) = (
                        o.column_comments.get(c).cloned(),
                        v.column_comments.get(c).cloned(),
                    );
                    comment_change(target, &before, &after, out);
                }
            }
            _ => out.extend(create_view(v)),
        }
    }
}

/// Reconcile a live schema with the desired one for time-window tables:
/// windows that partition upkeep created beyond the declared ones are
/// expected, and windows it retired past retention are expected gone.
/// Returns `desired` adjusted so neither shows as drift.
pub fn reconcile_windows(
    live: &mut Schema,
    desired: &mut Schema,
    today: crate::model::calendar::Date,
) {
    // Windows upkeep detached are tables now; they belong to upkeep, not drift.
    let windowed: Vec<Table> = desired
        .tables
        .iter()
        .filter(|t| t.partitioning.as_ref().is_some_and(|p| p.window.is_some()))
        .cloned()
        .collect();
    live.tables.retain(|x| {
        desired.table(x.name.as_str()).is_some()
            || !windowed
                .iter()
                .any(|t| crate::model::layout::window_of_name(t, x.name.as_str()).is_some())
    });
    let live = &*live;
    use crate::model::calendar::{self, Date};
    for t in &mut desired.tables {
        let Some(w) = t.partitioning.as_ref().and_then(|p| p.window.clone()) else {
            continue;
        };
        let Some(from) = Date::parse(&w.from) else {
            continue;
        };
        let Some(l) = live.table(t.name.as_str()) else {
            continue;
        };
        let Some(template) = t
            .partitions
            .iter()
            .find(|p| matches!(p.bound, PartitionBound::Range { .. }))
            .cloned()
        else {
            continue;
        };
        let key_type = t
            .partitioning
            .as_ref()
            .and_then(|p| p.key_columns().next().cloned())
            .and_then(|c| t.column(c.as_str()).map(|c| c.ty.clone()));
        let Some(key_type) = key_type else { continue };
        let bounds_of = |i: i64| -> (String, PartitionBound) {
            let start = calendar::step(from, w.interval, i);
            let end = calendar::step(from, w.interval, i + 1);
            let text =
                |d| calendar::bound_text(d, key_type.with_time_zone(), key_type.base == "date");
            (
                calendar::suffix(start, w.interval),
                PartitionBound::Range {
                    from: vec![text(start)],
                    to: vec![text(end)],
                },
            )
        };
        // Windows upkeep added: aligned, named as upkeep names them, not declared.
        for lp in &l.partitions {
            if t.partitions.iter().any(|p| p.name == lp.name) {
                continue;
            }
            let PartitionBound::Range { from: f, .. } = &lp.bound else {
                continue;
            };
            let Some(start) = f
                .first()
                .and_then(|s| Date::parse(s.get(..10).unwrap_or_default()))
            else {
                continue;
            };
            let i = calendar::window_index(from, w.interval, start);
            let (suffix, bound) = bounds_of(i);
            if i >= 0 && lp.bound == bound && lp.name == fit_name(&format!("{}_{suffix}", t.name)) {
                let mut child = template.clone();
                child.name = lp.name.clone();
                child.bound = bound;
                child.partitions = template
                    .partitions
                    .iter()
                    .map(|sub| {
                        let mut s = sub.clone();
                        let tail = sub
                            .name
                            .as_str()
                            .strip_prefix(template.name.as_str())
                            .unwrap_or_default();
                        s.name = fit_name(&format!("{}{tail}", lp.name));
                        s
                    })
                    .collect();
                t.partitions.push(child);
            }
        }
        // Windows upkeep retired: past retention and gone from the database.
        if let Some(keep) = w.retention {
            let current = calendar::window_index(from, w.interval, today);
            let oldest = current - i64::from(keep) + 1;
            t.partitions.retain(|p| {
                let PartitionBound::Range { from: f, .. } = &p.bound else {
                    return true;
                };
                let Some(start) = f
                    .first()
                    .and_then(|s| Date::parse(s.get(..10).unwrap_or_default()))
                else {
                    return true;
                };
                let i = calendar::window_index(from, w.interval, start);
                i >= oldest || l.partitions.iter().any(|lp| lp.name == p.name)
            });
        }
    }
}

/// Tables and views of `schema` that `changes` alter in a part written as
/// an expression (defaults, checks, exclusions, index keys and predicates,
/// policies, generated columns, view bodies): a partition counts as its
/// table.
pub fn relations_with_expressions(changes: &[Change], schema: &Schema) -> HashSet<Ident> {
    let mut out = HashSet::new();
    let owner = |name: &Ident| -> Ident {
        schema
            .partition(name.as_str())
            .map(|(t, _)| t.name.clone())
            .unwrap_or_else(|| name.clone())
    };
    for c in changes {
        let name = match c {
            Change::SetDefault { table, .. }
            | Change::DropDefault { table, .. }
            | Change::CreatePolicy { table, .. }
            | Change::DropPolicy { table, .. } => Some(table),
            Change::AddConstraint {
                table, constraint, ..
            }
            | Change::DropConstraint { table, constraint } => match constraint.kind {
                ConstraintKind::Check { .. } | ConstraintKind::Exclude { .. } => Some(table),
                _ => None,
            },
            Change::CreateIndex { table, index, .. } | Change::DropIndex { table, index, .. }
                if index.predicate.is_some()
                    || index
                        .keys
                        .iter()
                        .any(|k| matches!(k.expr, KeyExpr::Expr(_))) =>
            {
                Some(table)
            }
            Change::AddColumn { table, column } | Change::DropColumn { table, column }
                if column.generated.is_some() =>
            {
                Some(table)
            }
            Change::CreateView { view } | Change::DropView { view } => Some(&view.name),
            _ => None,
        };
        if let Some(n) = name {
            out.insert(owner(n));
        }
    }
    out
}
