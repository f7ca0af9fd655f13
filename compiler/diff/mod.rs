//! The differ: two models of one tier in, the list of [`Change`]s that turns
//! the first into the second out. Pure: no SQL text, no ordering (the planner
//! orders), no I/O. Declared renames (`was:`) become renames, never drop + add.

mod change;
mod composite;
mod default_privilege;
mod distribution;
mod domain;
mod function;
mod grant;
mod namespace;
mod range;
pub mod rebuild;
mod regenerate;
mod renames;
mod sequence;
mod trigger;

use std::collections::{HashMap, HashSet};

pub use change::{
    Change, CommentTarget, EnumColumn, EnumDependent, EnumRebuild, OptionsTarget, TypeAcl,
};
pub use composite::CompositeStep;
pub use default_privilege::recreated;
pub use domain::DomainStep;
pub use grant::GrantTarget;
use renames::Renames;

use crate::model::*;

/// Everything that turns `old` into `new`.
pub fn between(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    if old.is_empty() && !new.is_empty() && new.name != "public" {
        out.push(Change::CreateSchema);
    }
    namespace::between(old, new, &mut out);
    let with_moves = moved_types(old, new, &mut out);
    let old = with_moves.as_ref().unwrap_or(old);
    diff_extensions(old, new, &mut out);
    diff_enums(old, new, &mut out);
    domain::diff(old, new, &mut out);
    range::diff(old, new, &mut out);
    composite::diff(old, new, &mut out);
    let with_renames = domain::renamed(old, new);
    let old = with_renames.as_ref().unwrap_or(old);
    sequence::diff(old, new, &mut out);
    diff_functions(old, new, &mut out);
    let mut touched = diff_tables(old, new, &mut out);
    for c in &out {
        match c {
            Change::RebuildEnum { rebuild } => {
                for col in &rebuild.columns {
                    touch(&mut touched, &col.table, Some(col.column.as_str()));
                }
            }
            Change::AlterColumnType { table, column, .. } => {
                touch(&mut touched, table, Some(column.as_str()));
            }
            _ => {}
        }
    }
    diff_views(old, new, &touched, &mut out);
    function::dependents(old, new, &mut out);
    let rebuilt: Vec<Ident> = out
        .iter()
        .filter_map(|c| match c {
            Change::DropView { view } => Some(view.name.clone()),
            _ => None,
        })
        .collect();
    let rebuilt: Vec<&str> = rebuilt.iter().map(|v| v.as_str()).collect();
    grant::schema(old, new, &mut out);
    grant::objects(old, new, &rebuilt, &mut out);
    default_privilege::diff(old, new, &mut out);
    default_privilege::created(new, &mut out);
    distribution::between(old, new, &mut out);
    if new.is_empty() && !old.is_empty() && old.name != "public" {
        out.push(Change::DropSchema);
    }
    out
}

/// Types of both sides in different schemas of the tier: moved with
/// `SET SCHEMA`, then compared as if `old` had them where `new` does.
fn moved_types(old: &Schema, new: &Schema, out: &mut Vec<Change>) -> Option<Schema> {
    let mut moved: HashMap<&Ident, &Option<Ident>> = HashMap::new();
    for (name, domain, to) in new.type_schemas() {
        match old.type_schema(name.as_str()) {
            Some(from) if from != to.as_ref() => {
                out.push(Change::SetTypeSchema {
                    name: name.clone(),
                    domain,
                    from: from.unwrap_or(&old.name).clone(),
                    to: new.namespace_of(to).clone(),
                });
                moved.insert(name, to);
            }
            _ => {}
        }
    }
    if moved.is_empty() {
        return None;
    }
    let mut old = old.clone();
    for (name, schema) in old.type_schemas_mut() {
        if let Some(to) = moved.get(name) {
            *schema = (*to).clone();
        }
    }
    Some(old)
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

fn enum_target(e: &Enum) -> GrantTarget {
    GrantTarget::Type {
        name: e.name.clone(),
        domain: false,
    }
}

/// `CREATE TYPE … AS ENUM` with the owner and privileges `e` declares.
pub fn create_enum(e: &Enum) -> Vec<Change> {
    let mut out = vec![Change::CreateEnum { r#enum: e.clone() }];
    out.extend(grant::created(
        enum_target(e),
        &e.owner,
        &PrivilegedKind::Type.effective(&e.grants),
    ));
    out
}

fn diff_enums(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for e in &new.enums {
        match old.enums.iter().find(|o| o.name == e.name) {
            None => out.extend(create_enum(e)),
            Some(o) => {
                // Columns (and defaults) as they are when the rebuild runs:
                // after `schema` for a forward rebuild, before it for an undo.
                let rebuild = |values: &[String], previous: &[String], schema: &Schema| {
                    let columns = enum_columns(schema, &e.name);
                    let forward = std::ptr::eq(schema, new);
                    let (comment, previous_comment) = if forward {
                        (e.comment.clone(), o.comment.clone())
                    } else {
                        (o.comment.clone(), e.comment.clone())
                    };
                    let (acl, previous_acl) = if forward {
                        (TypeAcl::of(e), TypeAcl::of(o))
                    } else {
                        (TypeAcl::of(o), TypeAcl::of(e))
                    };
                    Box::new(EnumRebuild {
                        name: e.name.clone(),
                        old_name: fit_name(&format!("{}__old", e.name)),
                        schema: e.schema.clone(),
                        values: values.to_vec(),
                        previous: previous.to_vec(),
                        comment,
                        previous_comment,
                        dependents: enum_dependents(old, new, &columns),
                        columns,
                        acl,
                        previous_acl,
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
                // A rebuilt type is given its owner and privileges as it is made.
                if only_added(&o.values, &e.values) {
                    let scope = grant::Scope {
                        declared: &new.roles,
                        owner: e.owner.as_deref(),
                    };
                    grant::diff(
                        enum_target(e),
                        (&o.owner, &PrivilegedKind::Type.effective(&o.grants)),
                        (&e.owner, &PrivilegedKind::Type.effective(&e.grants)),
                        &scope,
                        out,
                    );
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
    function::diff(old, new, out);
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
    out.extend(distribution::create(t));
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
    let target = GrantTarget::Table {
        name: t.name.clone(),
    };
    out.extend(grant::created(target, &t.owner, &t.grants));
    out
}

/// Every change that creates partition `p` of `parent`, sub-partitions included.
/// The partition alone, as `CREATE … PARTITION OF` or `ATTACH PARTITION`
/// takes it: its keys, indexes, row security and sub-partitions follow as
/// changes of their own.
fn shell(p: &Partition) -> Partition {
    Partition {
        partitions: Vec::new(),
        policies: Vec::new(),
        rls: Rls::default(),
        indexes: Vec::new(),
        constraints: Vec::new(),
        ..p.clone()
    }
}

pub fn create_partition(parent: &Ident, p: &Partition) -> Vec<Change> {
    let mut out = vec![Change::CreatePartition {
        parent: parent.clone(),
        partition: shell(p),
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
    shell.triggers.clear();
    let mut out = vec![Change::CreateView { view: shell }];
    for i in &v.indexes {
        out.push(Change::CreateIndex {
            table: v.name.clone(),
            index: i.clone(),
            concurrently: false,
            only: false,
        });
    }
    // DROP VIEW takes its triggers with it: a view created again gets them back.
    for tr in &v.triggers {
        out.push(Change::CreateTrigger {
            table: v.name.clone(),
            trigger: tr.clone(),
        });
    }
    let target = GrantTarget::View {
        name: v.name.clone(),
        materialized: v.materialized,
    };
    out.extend(grant::created(target, &v.owner, &v.grants));
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
    rls_changes_seen(table, old, new, old_p, old_p, new_p, out);
}

/// Row security changes, comparing `seen` (the old policies in the new
/// names) with the new ones; a dropped policy keeps its old definition,
/// which the down migration creates again.
fn rls_changes_seen(
    table: &Ident,
    old: &Rls,
    new: &Rls,
    old_p: &[Policy],
    seen: &[Policy],
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
    for (p, s) in old_p.iter().zip(seen) {
        match new_p.iter().find(|n| n.name == p.name) {
            Some(n) if same_policy(n, s) => {}
            _ => out.push(Change::DropPolicy {
                table: table.clone(),
                policy: p.clone(),
            }),
        }
    }
    for p in new_p {
        match seen.iter().find(|o| o.name == p.name) {
            Some(o) if same_policy(o, p) => {}
            _ => out.push(Change::CreatePolicy {
                table: table.clone(),
                policy: p.clone(),
            }),
        }
    }
    policy_comments(table, seen, new_p, out);
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
    let mut renames = Renames::between(old, new);
    let mut matched_old: HashSet<&str> = HashSet::new();
    let tables = renames::Tables::of(old, new);
    let pairs: Vec<(&Table, Option<&Table>)> = new
        .tables
        .iter()
        .map(|t| {
            let o = tables
                .prior(t)
                .filter(|o| matched_old.insert(o.name.as_str()));
            (t, o)
        })
        .collect();
    for (t, o) in &pairs {
        if let Some(o) = o
            && rebuild::needed(o, t, &renames)
        {
            renames.rebuilt.insert(t.name.clone());
        }
    }
    for (t, prior) in pairs {
        match prior {
            None => out.extend(create_table(t)),
            Some(o) if renames.rebuilt.contains(&t.name) => {
                out.extend(rebuild::changes(o, t));
                touch(&mut touched, &o.name, None);
                touch(&mut touched, &t.name, None);
            }
            Some(o) => {
                if o.name != t.name {
                    out.push(Change::RenameTable {
                        from: o.name.clone(),
                        to: t.name.clone(),
                    });
                }
                let (o, t) = (
                    &with_inherited(old, o, &t.inherits),
                    &with_inherited(new, t, &o.inherits),
                );
                for column in diff_table(o, t, &renames, out) {
                    touch(&mut touched, &t.name, Some(&column));
                }
            }
        }
    }
    for t in &old.tables {
        if !matched_old.contains(t.name.as_str()) {
            if let Some((parent, p)) = attach_target(old, new, t) {
                attach(parent, p, t, out);
                continue;
            }
            out.push(Change::DropTable { table: t.clone() });
            touch(&mut touched, &t.name, None);
        }
    }
    touched
}

/// The partition a table that goes becomes, when it can be attached as it
/// is: the new side has a partition of that name (at the first level) of a
/// table both sides have, with the same columns, and the table has no
/// partitions of its own. Attaching keeps the rows, which dropping and
/// creating the partition would not.
fn attach_target<'a>(
    old: &Schema,
    new: &'a Schema,
    table: &Table,
) -> Option<(&'a Table, &'a Partition)> {
    if table.partitioning.is_some() || !table.inherits.is_empty() {
        return None;
    }
    let columns = |cs: &[Column]| -> Vec<(String, ColumnType)> {
        let mut out: Vec<_> = cs
            .iter()
            .map(|c| (c.name.to_string(), c.ty.clone()))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    };
    new.tables
        .iter()
        .filter(|parent| old.table(parent.name.as_str()).is_some())
        .find_map(|parent| {
            parent
                .partitions
                .iter()
                .find(|p| p.name == table.name && p.partitions.is_empty())
                .filter(|_| columns(&parent.columns) == columns(&table.columns))
                .map(|p| (parent, p))
        })
}

/// `ATTACH PARTITION` in place of the partition's creation, then what the
/// table has that the partition has not (or the other way round). The
/// table's keys and indexes that match the parent's become the partition's
/// share of them when it is attached.
fn attach(parent: &Table, p: &Partition, table: &Table, out: &mut Vec<Change>) {
    let created = create_partition(&parent.name, p);
    out.retain(|c| !created.contains(c));
    out.push(Change::AttachPartition {
        parent: parent.name.clone(),
        partition: shell(p),
    });
    let own: Vec<Constraint> = table
        .constraints
        .iter()
        .filter(|k| parent.constraints.iter().all(|pk| pk.kind != k.kind))
        .cloned()
        .collect();
    let own_indexes: Vec<Index> = table
        .indexes
        .iter()
        .filter(|i| parent.indexes.iter().all(|pi| built(pi) != built(i)))
        .cloned()
        .collect();
    let renames = Renames::default();
    let local = Renamed {
        of: &renames,
        table: &p.name,
    };
    let mut names = NameChanges::default();
    diff_constraints(&p.name, &own, &p.constraints, &local, &mut names, out);
    diff_indexes(&p.name, &own_indexes, &p.indexes, &local, &mut names, out);
    rls_changes(
        &p.name,
        &table.rls,
        &p.rls,
        &table.policies,
        &p.policies,
        out,
    );
    let target = CommentTarget::Table {
        table: p.name.clone(),
    };
    comment_change(target, &table.comment, &p.comment, out);
}

/// The table with the columns and inheritable checks of the parents it
/// inherits on one side only (`other` lists the other side's parents): it
/// has them as much as its own, since PostgreSQL keeps them on the child
/// when the inheritance goes (`NO INHERIT`) and requires them before it
/// comes (`INHERIT`). What a parent kept on both sides gains or loses, the
/// parent's own changes carry to the child.
fn with_inherited<'a>(
    schema: &Schema,
    table: &'a Table,
    other: &[Ident],
) -> std::borrow::Cow<'a, Table> {
    let mut parents: Vec<&Ident> = table
        .inherits
        .iter()
        .filter(|p| !other.contains(p))
        .collect();
    if parents.is_empty() {
        return std::borrow::Cow::Borrowed(table);
    }
    let mut out = table.clone();
    let mut seen: HashSet<&str> = HashSet::new();
    while let Some(p) = parents.pop() {
        let Some(parent) = schema.table(p.as_str()) else {
            continue;
        };
        if !seen.insert(parent.name.as_str()) {
            continue;
        }
        for c in &parent.columns {
            if out.column(c.name.as_str()).is_none() {
                out.columns.push(c.clone());
            }
        }
        for k in &parent.constraints {
            let inheritable = matches!(
                &k.kind,
                ConstraintKind::Check {
                    no_inherit: false,
                    ..
                }
            );
            if inheritable && out.constraints.iter().all(|o| o.name != k.name) {
                out.constraints.push(k.clone());
            }
        }
        parents.extend(parent.inherits.iter());
    }
    std::borrow::Cow::Owned(out)
}

/// Indexes and constraints of one table (or partition) whose name changes
/// or which are created again, so the clones on its partitions follow:
/// keyed by (is a constraint without an index of its own, name).
#[derive(Default)]
struct NameChanges {
    renamed: HashMap<(bool, Ident), Ident>,
    rebuilt: HashSet<(bool, Ident)>,
}

impl NameChanges {
    fn mapped<'a>(&'a self, constraint: bool, name: &'a Ident) -> &'a Ident {
        self.renamed
            .get(&(constraint, name.clone()))
            .unwrap_or(name)
    }
}

/// Changes within one table (already renamed to the new name). Returns the
/// columns dropped, retyped or renamed (old and new names), which views
/// reading them cannot survive.
fn diff_table(old: &Table, new: &Table, renames: &Renames, out: &mut Vec<Change>) -> Vec<String> {
    let name = &new.name;
    let mut reshaped: Vec<String> = Vec::new();
    let mut matched: HashSet<&str> = HashSet::new();
    let mut regenerated: Vec<Ident> = Vec::new();
    for c in &new.columns {
        let Some(o) =
            renames::prior_column(old, new, c).filter(|o| !matched.contains(o.name.as_str()))
        else {
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
        if regenerate::regenerated(o, c) {
            regenerate::replace_column(name, o, c, out);
            regenerated.push(c.name.clone());
            reshaped.push(c.name.to_string());
            continue;
        }
        if o.generated.is_some() && c.generated.is_none() {
            // The values stay; what else changes is compared as for any column.
            out.push(Change::DropExpression {
                table: name.clone(),
                column: Column {
                    name: c.name.clone(),
                    ..o.clone()
                },
            });
            regenerated.push(c.name.clone());
            let plain = Column {
                generated: None,
                ..o.clone()
            };
            diff_column(name, &plain, c, out, &mut reshaped);
            continue;
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
    let mut names = NameChanges::default();
    let local = Renamed {
        of: renames,
        table: name,
    };
    diff_constraints(
        name,
        &old.constraints,
        &new.constraints,
        &local,
        &mut names,
        out,
    );
    diff_indexes(name, &old.indexes, &new.indexes, &local, &mut names, out);
    regenerate::rebuild_readers(old, new, &regenerated, &mut names, out);
    let seen: Vec<Policy> = old
        .policies
        .iter()
        .map(|p| renames.policy(name, p))
        .collect();
    rls_changes_seen(
        name,
        &old.rls,
        &new.rls,
        &old.policies,
        &seen,
        &new.policies,
        out,
    );
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
    let level = Level {
        parent: name,
        key: new.partitioning.as_ref().map_or(&[], |p| p.key.as_slice()),
        columns: &stored_columns(new),
        table: name,
        renames,
    };
    let prefix = (old.name != new.name).then_some((old.name.as_str(), new.name.as_str()));
    diff_partitions(
        &level,
        &old.partitions,
        &new.partitions,
        prefix,
        &names,
        out,
    );
    trigger::between(name, &old.triggers, &new.triggers, out);
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

/// The columns rows are copied by: every column that is not generated.
fn stored_columns(t: &Table) -> Vec<Ident> {
    t.columns
        .iter()
        .filter(|c| c.generated.is_none())
        .map(|c| c.name.clone())
        .collect()
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
    // A default is cast with the column, and fails when it does not cast:
    // it goes before the type change and comes back (or its new text) after.
    let retyped = o.ty != c.ty;
    if let (true, Some(old)) = (retyped, &o.default) {
        out.push(Change::DropDefault {
            table: table.clone(),
            column: col(),
            old: old.clone(),
        });
    }
    let old_default = if retyped { &None } else { &o.default };
    match (old_default, &c.default) {
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

fn diff_constraints(
    table: &Ident,
    old: &[Constraint],
    new: &[Constraint],
    renames: &Renamed,
    names: &mut NameChanges,
    out: &mut Vec<Change>,
) {
    // Old definitions in the new names; a foreign key to a rebuilt table
    // is never the same (it must be added again to the new table).
    let seen: Vec<Option<ConstraintKind>> = old
        .iter()
        .map(|c| {
            (!renames.of.points_at_rebuilt(&c.kind))
                .then(|| renames.of.constraint(renames.table, &c.kind))
        })
        .collect();
    let same = |i: usize, n: &Constraint| seen[i].as_ref() == Some(&n.kind);
    // Validity matters for a same constraint found by name only: one that
    // was NOT VALID is validated in place, one that becomes NOT VALID is
    // added again without checking the rows.
    let relaxed = |o: &Constraint, n: &Constraint| !o.not_valid && n.not_valid;
    let clone_kind = |k: &ConstraintKind| matches!(k, ConstraintKind::ForeignKey { .. });
    for (i, c) in old.iter().enumerate() {
        match new.iter().find(|n| n.name == c.name) {
            Some(n) if same(i, n) && !relaxed(c, n) => {}
            _ => {
                // A same definition under a new name is a rename.
                if new.iter().any(|n| {
                    same(i, n) && n.not_valid == c.not_valid && old.iter().all(|o| o.name != n.name)
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
        let add = |names: &mut NameChanges, out: &mut Vec<Change>| {
            names.rebuilt.insert((clone_kind(&c.kind), c.name.clone()));
            out.push(Change::AddConstraint {
                table: table.clone(),
                constraint: c.clone(),
                not_valid: false,
            })
        };
        match old.iter().position(|o| o.name == c.name) {
            Some(i) if same(i, c) && !relaxed(&old[i], c) => {
                if old[i].not_valid && !c.not_valid {
                    out.push(Change::ValidateConstraint {
                        table: table.clone(),
                        name: c.name.clone(),
                        was: Some(Box::new(old[i].clone())),
                    });
                }
                comment_on(out, &old[i]);
            }
            Some(_) => add(names, out),
            None => match (0..old.len()).find(|&i| {
                same(i, c)
                    && old[i].not_valid == c.not_valid
                    && new.iter().all(|n| n.name != old[i].name)
            }) {
                Some(i) => {
                    let from = old[i].name.clone();
                    names
                        .renamed
                        .insert((clone_kind(&c.kind), from.clone()), c.name.clone());
                    out.push(Change::RenameConstraint {
                        table: table.clone(),
                        from,
                        to: c.name.clone(),
                    });
                    comment_on(out, &old[i]);
                }
                None => add(names, out),
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

/// The renames a relation's objects are compared through: those of the
/// tier, and the table whose column renames apply (a partition's are its
/// table's).
struct Renamed<'a> {
    of: &'a Renames,
    table: &'a Ident,
}

fn diff_indexes(
    table: &Ident,
    old: &[Index],
    new: &[Index],
    renames: &Renamed,
    names: &mut NameChanges,
    out: &mut Vec<Change>,
) {
    let seen: Vec<Index> = old
        .iter()
        .map(|i| renames.of.index(renames.table, i))
        .collect();
    for (k, i) in old.iter().enumerate() {
        match new.iter().find(|n| n.name == i.name) {
            Some(n) if same_index(n, &seen[k]) => {}
            _ => {
                if new
                    .iter()
                    .any(|n| same_index(&seen[k], n) && old.iter().all(|o| o.name != n.name))
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
        let create = |names: &mut NameChanges, out: &mut Vec<Change>| {
            names.rebuilt.insert((false, i.name.clone()));
            create_index(table, i, out);
        };
        match old.iter().position(|o| o.name == i.name) {
            Some(k) if same_index(&seen[k], i) => kept(&old[k], out),
            Some(_) => create(names, out),
            None => match (0..old.len())
                .find(|&k| same_index(&seen[k], i) && new.iter().all(|n| n.name != old[k].name))
            {
                Some(k) => {
                    names
                        .renamed
                        .insert((false, old[k].name.clone()), i.name.clone());
                    out.push(Change::RenameIndex {
                        from: old[k].name.clone(),
                        to: i.name.clone(),
                    });
                    kept(&old[k], out);
                }
                None => create(names, out),
            },
        }
    }
}

/// One level of a partition tree being compared: the relation the
/// partitions belong to, its partition key, the table's columns.
struct Level<'a> {
    parent: &'a Ident,
    key: &'a [KeyExpr],
    columns: &'a [Ident],
    /// The partitioned table at the top (policies are translated by its renames).
    table: &'a Ident,
    renames: &'a Renames,
}

/// Partitions of `level.parent`. `prefix` is (old parent name, new parent
/// name) when the parent was renamed: children named after the old parent
/// (`events_2025_01`) are renamed with it (`activity_2025_01`), keeping
/// rows, and so are the clones of indexes PostgreSQL named after them. A
/// partition added or dropped beside a default partition that stays takes
/// its rows from it or gives them to it.
fn diff_partitions(
    level: &Level,
    old: &[Partition],
    new: &[Partition],
    prefix: Option<(&str, &str)>,
    names: &NameChanges,
    out: &mut Vec<Change>,
) {
    let parent = level.parent;
    let new_name = |o: &Partition| rebuild::renamed_child(&o.name, prefix);
    let default = old
        .iter()
        .find(|o| o.bound == PartitionBound::Default)
        .and_then(|o| {
            new.iter()
                .find(|n| n.name == new_name(o) && n.bound == PartitionBound::Default)
        })
        .map(|n| n.name.clone());
    for o in old {
        let target = new_name(o);
        match new.iter().find(|n| n.name == target) {
            Some(n) if n.bound == o.bound => {
                if target != o.name {
                    out.push(Change::RenameTable {
                        from: o.name.clone(),
                        to: target.clone(),
                    });
                }
            }
            _ => match &default {
                Some(d) if o.bound != PartitionBound::Default => out.push(Change::MergePartition {
                    parent: parent.clone(),
                    default: d.clone(),
                    partition: o.clone(),
                    key: level.key.to_vec(),
                    columns: level.columns.to_vec(),
                }),
                _ => out.push(Change::DropPartition {
                    parent: parent.clone(),
                    partition: o.clone(),
                }),
            },
        }
    }
    for p in new {
        match old.iter().find(|o| new_name(o) == p.name) {
            Some(o) if o.bound == p.bound => {
                let seen: Vec<Policy> = o
                    .policies
                    .iter()
                    .map(|q| level.renames.policy(level.table, q))
                    .collect();
                rls_changes_seen(
                    &p.name,
                    &o.rls,
                    &p.rls,
                    &o.policies,
                    &seen,
                    &p.policies,
                    out,
                );
                let local = Renamed {
                    of: level.renames,
                    table: level.table,
                };
                let mut own = NameChanges::default();
                diff_constraints(
                    &p.name,
                    &o.constraints,
                    &p.constraints,
                    &local,
                    &mut own,
                    out,
                );
                diff_indexes(&p.name, &o.indexes, &p.indexes, &local, &mut own, out);
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
                let child_names = diff_clones(o, p, names, out);
                let child_prefix = (o.name != p.name).then_some((o.name.as_str(), p.name.as_str()));
                let sub = Level {
                    parent: &p.name,
                    key: p.partitioning.as_ref().map_or(&[], |x| x.key.as_slice()),
                    ..*level
                };
                diff_partitions(
                    &sub,
                    &o.partitions,
                    &p.partitions,
                    child_prefix,
                    &child_names,
                    out,
                );
            }
            _ => match &default {
                Some(d) if p.bound != PartitionBound::Default => {
                    let mut created = create_partition(parent, p).into_iter();
                    // The partition and its sub-partitions are created by the split.
                    out.push(Change::SplitPartition {
                        parent: parent.clone(),
                        default: d.clone(),
                        partition: p.clone(),
                        key: level.key.to_vec(),
                        columns: level.columns.to_vec(),
                    });
                    out.extend(
                        created
                            .by_ref()
                            .filter(|c| !matches!(c, Change::CreatePartition { .. })),
                    );
                }
                _ => out.extend(create_partition(parent, p)),
            },
        }
    }
}

/// Renames that bring the clones on partition `o` (now `p`) to the names
/// the model gives them; returns this partition's own name changes, which
/// its sub-partitions' clones follow.
fn diff_clones(
    o: &Partition,
    p: &Partition,
    parent: &NameChanges,
    out: &mut Vec<Change>,
) -> NameChanges {
    let mut mine = NameChanges::default();
    for nc in &p.clones {
        if parent.rebuilt.contains(&(nc.constraint, nc.of.clone())) {
            mine.rebuilt.insert((nc.constraint, nc.name.clone()));
            continue;
        }
        let Some(oc) = o.clones.iter().find(|oc| {
            oc.constraint == nc.constraint && *parent.mapped(oc.constraint, &oc.of) == nc.of
        }) else {
            continue;
        };
        if oc.name != nc.name {
            out.push(if nc.constraint {
                Change::RenameConstraint {
                    table: p.name.clone(),
                    from: oc.name.clone(),
                    to: nc.name.clone(),
                }
            } else {
                Change::RenameIndex {
                    from: oc.name.clone(),
                    to: nc.name.clone(),
                }
            });
            mine.renamed
                .insert((nc.constraint, oc.name.clone()), nc.name.clone());
        }
    }
    mine
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
                trigger::between(&v.name, &o.triggers, &v.triggers, out);
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
    // Windows upkeep detached (those past a retention) are tables now; they
    // belong to upkeep, not drift. Any other table under the name of a
    // partition stands in that partition's way.
    let detaching: Vec<Table> = desired
        .tables
        .iter()
        .filter(|t| {
            t.partitioning
                .as_ref()
                .and_then(|p| p.window.as_ref())
                .is_some_and(|w| w.retention.is_some())
        })
        .cloned()
        .collect();
    live.tables.retain(|x| {
        desired.table(x.name.as_str()).is_some()
            || !detaching
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
    // The windows added above clone the table's indexes under names of their own.
    crate::model::clones::assign_all(desired);
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
