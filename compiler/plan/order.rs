//! Ordering: changes become nodes of one dependency graph (petgraph). Each
//! change says which objects it needs to exist, which it creates, which it
//! removes, and which must be gone before it runs; edges follow from that.
//! Kahn's algorithm with a heap keyed by (phase, position) gives a stable,
//! readable order; a cycle is reported with every object on it.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::diff::Change;
use crate::model::{ConstraintKind, Ident, KeyExpr, TypeKind, types};

/// Changes that depend on each other in a circle.
#[derive(Debug, thiserror::Error)]
#[error("cannot order the changes, they depend on each other in a cycle: {}", .0.join(" → "))]
pub struct CycleError(pub Vec<String>);

#[derive(Default)]
struct Keys {
    needs: Vec<String>,
    provides: Vec<String>,
    removes: Vec<String>,
    needs_gone: Vec<String>,
}

fn obj(kind: &str, name: &Ident) -> String {
    format!("{kind}:{name}")
}

/// Objects a table's columns use: enum types and extension types.
fn type_uses(ty: &crate::model::ColumnType) -> Option<String> {
    match ty.kind {
        TypeKind::Enum | TypeKind::Domain | TypeKind::Composite | TypeKind::Range => {
            Some(format!("type:{}", ty.base))
        }
        TypeKind::Extension => {
            let bare = ty.base.split('(').next().unwrap_or_default();
            types::extension_for(bare).map(|e| format!("ext:{e}"))
        }
        TypeKind::Builtin | TypeKind::External => None,
    }
}

/// The name of an identity column's sequence.
fn identity_sequence(
    table: &Ident,
    column: &Ident,
    options: &crate::model::SequenceOptions,
) -> Ident {
    options.name.clone().unwrap_or_else(|| {
        crate::model::pg_name(table.as_str(), Some(column.as_str()), Some("seq"))
    })
}

/// Sequences a default reads (`nextval('s'::regclass)`).
fn sequence_uses(default: Option<&String>) -> Vec<String> {
    default
        .map(|d| crate::model::sql::sequences_read(d))
        .unwrap_or_default()
        .into_iter()
        .map(|s| format!("seq:{s}"))
        .collect()
}

fn keys(change: &Change, schema_change: bool) -> Keys {
    let mut k = Keys::default();
    // DDL on a table runs after Citus took it, which propagates it to the shards.
    let table = |k: &mut Keys, t: &Ident| {
        k.needs.push(obj("rel", t));
        k.needs.push(obj("shape", t));
        k.needs.push(obj("dist", t));
    };
    // A relation or function in another schema of the tier: created after
    // the schema, dropped before it.
    match change {
        Change::CreateTable { table: t } => {
            if let Some(s) = &t.schema {
                k.needs.push(obj("nsp", s));
            }
        }
        Change::CreateView { view } => {
            if let Some(s) = &view.schema {
                k.needs.push(obj("nsp", s));
            }
        }
        Change::DropTable { table: t } => {
            if let Some(s) = &t.schema {
                k.removes.push(obj("in", s));
            }
        }
        Change::CreateFunction { function } | Change::ReplaceFunction { function, .. } => {
            if let Some(s) = &function.schema {
                k.needs.push(obj("nsp", s));
            }
        }
        Change::DropFunction { function } => {
            if let Some(s) = &function.schema {
                k.removes.push(obj("in", s));
            }
        }
        Change::DropView { view } => {
            if let Some(s) = &view.schema {
                k.removes.push(obj("in", s));
            }
        }
        Change::CreateEnum { r#enum: e } => {
            if let Some(s) = &e.schema {
                k.needs.push(obj("nsp", s));
            }
        }
        Change::CreateDomain { domain } => {
            if let Some(s) = &domain.schema {
                k.needs.push(obj("nsp", s));
            }
        }
        Change::CreateComposite { composite } => {
            if let Some(s) = &composite.schema {
                k.needs.push(obj("nsp", s));
            }
        }
        Change::CreateRange { range } => {
            if let Some(s) = &range.schema {
                k.needs.push(obj("nsp", s));
            }
        }
        Change::DropEnum { r#enum: e } => {
            if let Some(s) = &e.schema {
                k.removes.push(obj("in", s));
            }
        }
        Change::DropDomain { domain } => {
            if let Some(s) = &domain.schema {
                k.removes.push(obj("in", s));
            }
        }
        Change::DropComposite { composite } => {
            if let Some(s) = &composite.schema {
                k.removes.push(obj("in", s));
            }
        }
        Change::DropRange { range } => {
            if let Some(s) = &range.schema {
                k.removes.push(obj("in", s));
            }
        }
        _ => {}
    }
    match change {
        Change::CreateSchema => k.provides.push("schema".into()),
        Change::CreateOwnedSchema { owned } => k.provides.push(obj("nsp", &owned.name)),
        Change::DropOwnedSchema { owned } => {
            k.removes.push(obj("nsp", &owned.name));
            k.needs_gone.push(obj("in", &owned.name));
        }
        Change::SetFunctionSchema { function, from, to } => {
            k.needs.push(obj("nsp", to));
            k.removes.push(obj("in", from));
            k.provides.push(obj("fn", &function.name));
        }
        Change::SetTypeSchema { name, from, to, .. } => {
            k.needs.push(obj("nsp", to));
            k.removes.push(obj("in", from));
            k.provides.push(obj("type", name));
        }
        Change::SetRelationSchema { name, from, to, .. } => {
            k.needs.push(obj("nsp", to));
            k.removes.push(obj("in", from));
            table(&mut k, name);
            k.provides.push(obj("rel", name));
        }
        Change::DropSchema => {
            k.removes.push("schema".into());
            k.needs_gone.push("anything".into());
        }
        Change::CreateExtension { extension } => k.provides.push(obj("ext", &extension.name)),
        Change::DropExtension { extension } => {
            k.removes.push(obj("ext", &extension.name));
            k.needs_gone.push(format!("uses:ext:{}", extension.name));
        }
        Change::CreateEnum { r#enum } => k.provides.push(obj("type", &r#enum.name)),
        Change::CreateDomain { domain } => {
            k.provides.push(obj("type", &domain.name));
            if let Some(u) = type_uses(&domain.ty) {
                k.needs.push(u.clone());
                k.provides.push(format!("uses:{u}"));
            }
        }
        Change::DropDomain { domain } => {
            k.removes.push(obj("type", &domain.name));
            k.needs_gone.push(format!("uses:type:{}", domain.name));
            if let Some(u) = type_uses(&domain.ty) {
                k.removes.push(format!("uses:{u}"));
            }
        }
        Change::RenameDomain { from, to } => {
            k.removes.push(obj("type", from));
            k.provides.push(obj("type", to));
        }
        Change::AlterDomain { name, .. } => k.needs.push(obj("type", name)),
        Change::CreateRange { range } => {
            k.provides.push(obj("type", &range.name));
            k.provides.push(format!("type:{}", range.multirange_name()));
            if let Some(u) = type_uses(&range.subtype) {
                k.needs.push(u.clone());
                k.provides.push(format!("uses:{u}"));
            }
            if let Some(f) = &range.subtype_diff {
                let bare = f.rsplit('.').next().unwrap_or(f);
                k.needs.push(format!("fn:{bare}"));
                k.provides.push(format!("uses:fn:{bare}"));
            }
        }
        Change::DropRange { range } => {
            k.removes.push(obj("type", &range.name));
            k.removes.push(format!("type:{}", range.multirange_name()));
            k.needs_gone.push(format!("uses:type:{}", range.name));
            k.needs_gone
                .push(format!("uses:type:{}", range.multirange_name()));
            if let Some(u) = type_uses(&range.subtype) {
                k.removes.push(format!("uses:{u}"));
            }
            if let Some(f) = &range.subtype_diff {
                let bare = f.rsplit('.').next().unwrap_or(f);
                k.removes.push(format!("uses:fn:{bare}"));
            }
        }
        Change::CreateComposite { composite } => {
            k.provides.push(obj("type", &composite.name));
            for u in composite.attributes.iter().filter_map(|a| type_uses(&a.ty)) {
                k.needs.push(u.clone());
                k.provides.push(format!("uses:{u}"));
            }
        }
        Change::DropComposite { composite } => {
            k.removes.push(obj("type", &composite.name));
            k.needs_gone.push(format!("uses:type:{}", composite.name));
            for u in composite.attributes.iter().filter_map(|a| type_uses(&a.ty)) {
                k.removes.push(format!("uses:{u}"));
            }
        }
        Change::AlterComposite { name, step } => {
            k.needs.push(obj("type", name));
            match step {
                crate::diff::CompositeStep::AddAttribute { attribute }
                | crate::diff::CompositeStep::AlterAttributeType { attribute, .. } => {
                    if let Some(u) = type_uses(&attribute.ty) {
                        k.needs.push(u.clone());
                        k.provides.push(format!("uses:{u}"));
                    }
                }
                crate::diff::CompositeStep::DropAttribute { attribute } => {
                    if let Some(u) = type_uses(&attribute.ty) {
                        k.removes.push(format!("uses:{u}"));
                    }
                }
                crate::diff::CompositeStep::RenameAttribute { .. } => {}
            }
        }
        Change::DropEnum { r#enum } => {
            k.removes.push(obj("type", &r#enum.name));
            k.needs_gone.push(format!("uses:type:{}", r#enum.name));
        }
        Change::RebuildEnum { rebuild } => {
            k.needs.push(obj("type", &rebuild.name));
            k.provides.push(format!("values:{}", rebuild.name));
            for c in &rebuild.columns {
                k.needs.push(obj("rel", &c.table));
                k.provides.push(obj("shape", &c.table));
                k.needs_gone.push(format!("dep:{}", c.table));
            }
        }
        Change::AddEnumValue { name, .. } => {
            k.needs.push(obj("type", name));
            k.provides.push(format!("values:{name}"));
        }
        Change::CreateFunction { function } | Change::ReplaceFunction { function, .. } => {
            k.provides.push(obj("fn", &function.name));
            let mut words = super::calls::named_by(function);
            for w in &words {
                if w != function.name.as_str() {
                    k.needs.push(format!("rel:{w}"));
                    k.needs.push(format!("type:{w}"));
                }
            }
            // A SQL body is checked at creation, so a column it reads must be
            // added (or renamed) first: any column of a table it names.
            if function.language == "sql" {
                words.sort();
                words.dedup();
                for t in &words {
                    for c in words.iter().filter(|c| *c != t) {
                        k.needs.push(format!("col:{t}.{c}"));
                    }
                }
            }
            // PostgreSQL checks a SQL body (and every argument default) when
            // it is created, so the functions they call come first.
            let called = super::calls::called_by(function);
            for f in &called {
                if f != function.name.as_str() {
                    k.needs.push(format!("fn:{f}"));
                    k.provides.push(format!("uses:fn:{f}"));
                }
            }
            // An overload calling its own name calls another overload (a
            // call by name cannot say which): those that do not come first.
            if called.iter().any(|f| f == function.name.as_str()) {
                k.needs.push(format!("overload:{}", function.name));
            } else {
                k.provides.push(format!("overload:{}", function.name));
            }
        }
        Change::DropFunction { function } => {
            k.removes.push(obj("fn", &function.name));
            // A table's row type in its signature: the table goes after it.
            // (A body is not checked again at drop.)
            for w in super::calls::signature_names(function) {
                k.removes.push(format!("dep:{w}"));
                k.removes.push(format!("uses:type:{w}"));
            }
            k.needs_gone.push(format!("uses:fn:{}", function.name));
        }
        Change::CreateTable { table: t } => {
            k.provides.push(obj("rel", &t.name));
            k.provides.push(obj("shape", &t.name));
            // Key constraints take index names, which are the schema's.
            for c in t.constraints.iter().filter(|c| c.kind.builds_index()) {
                k.provides.push(obj("idx", &c.name));
            }
            for c in &t.columns {
                if let Some(u) = type_uses(&c.ty) {
                    k.needs.push(u.clone());
                    k.provides.push(format!("uses:{u}"));
                }
                for u in sequence_uses(c.default.as_ref()) {
                    k.needs.push(u.clone());
                    k.provides.push(format!("uses:{u}"));
                }
            }
            for p in &t.inherits {
                table(&mut k, p);
                k.provides.push(obj("inh", p));
            }
        }
        Change::DropTable { table: t } => {
            k.removes.push(obj("rel", &t.name));
            for c in t.constraints.iter().filter(|c| c.kind.builds_index()) {
                k.removes.push(obj("idx", &c.name));
            }
            for i in &t.indexes {
                k.removes.push(obj("idx", &i.name));
            }
            k.needs_gone.push(format!("dep:{}", t.name));
            k.needs_gone.push(format!("fkref:{}", t.name));
            // Its partitions go with it, and what references one of them first.
            for p in t.all_partitions() {
                k.needs_gone.push(format!("fkref:{}", p.name));
            }
            for c in &t.columns {
                if let Some(u) = type_uses(&c.ty) {
                    k.removes.push(format!("uses:{u}"));
                }
            }
            for c in &t.constraints {
                if let ConstraintKind::ForeignKey {
                    references,
                    ref_columns,
                    ..
                } = &c.kind
                    && references.name != t.name
                {
                    k.removes.push(format!("fkref:{}", references.name));
                    k.removes.push(format!(
                        "fkto:{}",
                        unique_key(&references.name, ref_columns)
                    ));
                }
            }
            for tr in &t.triggers {
                k.removes.push(format!("uses:fn:{}", tr.function));
            }
            // Its policies go with it, and with them what they read.
            for p in &t.policies {
                for w in policy_words(p) {
                    k.removes.push(format!("dep:{w}"));
                }
            }
            for c in &t.columns {
                for u in sequence_uses(c.default.as_ref()) {
                    k.removes.push(format!("uses:{u}"));
                }
            }
            for p in &t.inherits {
                k.removes.push(obj("inh", p));
            }
            k.needs_gone.push(obj("inh", &t.name));
        }
        Change::RenameTable { from, to } => {
            k.needs.push(obj("rel", from));
            k.removes.push(obj("rel", from));
            k.provides.push(obj("rel", to));
            k.provides.push(obj("shape", to));
        }
        Change::AddColumn { table: t, column } => {
            k.needs.push(obj("rel", t));
            k.provides.push(obj("shape", t));
            k.provides.push(format!("col:{t}.{}", column.name));
            if let Some(u) = type_uses(&column.ty) {
                k.needs.push(u.clone());
                k.provides.push(format!("uses:{u}"));
            }
            for u in sequence_uses(column.default.as_ref()) {
                k.needs.push(u.clone());
                k.provides.push(format!("uses:{u}"));
            }
        }
        Change::DropColumn { table: t, column } => {
            k.needs.push(obj("rel", t));
            k.provides.push(obj("shape", t));
            k.needs_gone.push(format!("dep:{t}"));
            if let Some(u) = type_uses(&column.ty) {
                k.removes.push(format!("uses:{u}"));
            }
            for u in sequence_uses(column.default.as_ref()) {
                k.removes.push(format!("uses:{u}"));
            }
        }
        Change::CreateSequence { sequence } => k.provides.push(obj("seq", &sequence.name)),
        Change::DropSequence { sequence } => {
            k.removes.push(obj("seq", &sequence.name));
            k.needs_gone.push(format!("uses:seq:{}", sequence.name));
        }
        Change::AlterSequence { name, .. } => k.needs.push(obj("seq", name)),
        Change::SetSequenceOwner {
            name,
            owned_by,
            old,
            ..
        } => {
            k.needs.push(obj("seq", name));
            // Before the old owner goes, which would take the sequence with it.
            for (t, _) in owned_by.iter().chain(old.iter()) {
                table(&mut k, t);
            }
        }
        Change::SetCollation { table: t, .. } => {
            k.needs.push(obj("rel", t));
            k.provides.push(obj("shape", t));
            k.needs_gone.push(format!("dep:{t}"));
        }
        Change::AlterIdentity { table: t, .. } | Change::SetLogged { table: t, .. } => {
            k.needs.push(obj("rel", t));
        }
        Change::SetOptions { target, .. } => match target {
            crate::diff::OptionsTarget::Table { table: t }
            | crate::diff::OptionsTarget::View { view: t, .. } => k.needs.push(obj("rel", t)),
            crate::diff::OptionsTarget::Index { index } => k.needs.push(obj("idx", index)),
        },
        Change::SetReplicaIdentity {
            table: t,
            identity,
            old,
        } => {
            k.needs.push(obj("rel", t));
            if let crate::model::ReplicaIdentity::Index(i) = identity {
                k.needs.push(obj("idx", i));
                k.needs.push(format!("con:{t}.{i}"));
                k.provides.push(obj("ri", i));
            }
            if let crate::model::ReplicaIdentity::Index(i) = old {
                k.removes.push(obj("ri", i));
            }
        }
        Change::Inherit { table: t, parent } => {
            table(&mut k, t);
            table(&mut k, parent);
            k.provides.push(obj("inh", parent));
        }
        Change::NoInherit { table: t, parent } => {
            k.needs.push(obj("rel", t));
            k.needs.push(obj("rel", parent));
            k.removes.push(obj("inh", parent));
        }
        Change::AlterColumnType {
            table: t,
            column,
            from,
            to,
            ..
        } => {
            k.needs.push(obj("rel", t));
            k.provides.push(obj("shape", t));
            k.provides.push(format!("type:{t}.{column}"));
            k.needs_gone.push(format!("dep:{t}"));
            k.needs_gone.push(format!("default:{t}.{column}"));
            if let Some(u) = type_uses(to) {
                k.needs.push(u.clone());
                k.needs.push(u.replace("type:", "values:"));
                k.provides.push(format!("uses:{u}"));
            }
            if let Some(u) = type_uses(from) {
                k.removes.push(format!("uses:{u}"));
            }
        }
        Change::RenameColumn { table: t, to, .. } => {
            k.needs.push(obj("rel", t));
            k.provides.push(obj("shape", t));
            k.provides.push(format!("col:{t}.{to}"));
        }
        // Identity needs NOT NULL first (and keeps it until it is gone); a
        // type change needs the old default gone and comes before the new one.
        Change::SetNotNull { table: t, column } => {
            k.needs.push(obj("rel", t));
            k.provides.push(format!("notnull:{t}.{column}"));
        }
        Change::DropNotNull { table: t, column } => {
            k.needs.push(obj("rel", t));
            k.needs_gone.push(format!("identity:{t}.{column}"));
        }
        // A serial column becoming an identity loses its default and its
        // sequence first (the identity's sequence may take that name); back,
        // the identity and its sequence go before the sequence and default.
        Change::AddIdentity {
            table: t,
            column,
            options,
            ..
        } => {
            k.needs.push(obj("rel", t));
            k.needs.push(format!("notnull:{t}.{column}"));
            k.needs.push(format!("type:{t}.{column}"));
            k.needs_gone.push(format!("default:{t}.{column}"));
            k.needs_gone
                .push(obj("seq", &identity_sequence(t, column, options)));
        }
        Change::DropIdentity {
            table: t,
            column,
            options,
            ..
        } => {
            k.needs.push(obj("rel", t));
            k.removes.push(format!("identity:{t}.{column}"));
            k.removes
                .push(obj("seq", &identity_sequence(t, column, options)));
        }
        Change::SetDefault {
            table: t,
            column,
            default,
            old,
        } => {
            k.needs.push(obj("rel", t));
            k.needs.push(format!("type:{t}.{column}"));
            k.needs_gone.push(format!("identity:{t}.{column}"));
            for u in sequence_uses(Some(default)) {
                k.needs.push(u.clone());
                k.provides.push(format!("uses:{u}"));
            }
            for u in sequence_uses(old.as_ref()) {
                k.removes.push(format!("uses:{u}"));
            }
        }
        Change::DropDefault {
            table: t,
            column,
            old,
        } => {
            k.needs.push(obj("rel", t));
            k.removes.push(format!("default:{t}.{column}"));
            for u in sequence_uses(Some(old)) {
                k.removes.push(format!("uses:{u}"));
            }
        }
        Change::DropExpression { table: t, .. } => {
            k.needs.push(obj("rel", t));
        }
        Change::AddConstraint {
            table: t,
            constraint,
            ..
        } => {
            table(&mut k, t);
            match &constraint.kind {
                ConstraintKind::ForeignKey {
                    references,
                    ref_columns,
                    ..
                } => {
                    k.needs.push(obj("rel", &references.name));
                    k.needs.push(unique_key(&references.name, ref_columns));
                    k.needs.push(obj("dist", &references.name));
                    k.provides.push(format!("fkref:{}", references.name));
                }
                ConstraintKind::PrimaryKey { columns, .. }
                | ConstraintKind::Unique { columns, .. } => {
                    k.provides.push(unique_key(t, columns));
                }
                _ => {}
            }
            if constraint.kind.builds_index() {
                k.provides.push(obj("idx", &constraint.name));
            }
            k.provides.push(format!("con:{t}.{}", constraint.name));
        }
        Change::AddConstraintUsingIndex {
            table: t,
            constraint,
        } => {
            table(&mut k, t);
            k.needs.push(obj("idx", &constraint.name));
            k.provides.push(unique_key(t, constraint.kind.columns()));
            k.provides.push(format!("con:{t}.{}", constraint.name));
        }
        Change::ValidateConstraint { table: t, name, .. } => {
            k.needs.push(format!("con:{t}.{name}"))
        }
        Change::DropConstraint {
            table: t,
            constraint,
        } => {
            k.needs.push(obj("rel", t));
            k.removes.push(format!("con:{t}.{}", constraint.name));
            // A check that proves a table fits its partition bound spares
            // the attach a scan: it goes after.
            if matches!(constraint.kind, ConstraintKind::Check { .. }) {
                k.needs.push(obj("attached", t));
            }
            if constraint.kind.builds_index() {
                k.removes.push(obj("idx", &constraint.name));
            }
            match &constraint.kind {
                ConstraintKind::ForeignKey {
                    references,
                    ref_columns,
                    ..
                } => {
                    k.removes.push(obj("fk", t));
                    k.removes.push(obj("fk", &references.name));
                    k.removes.push(format!("fkref:{}", references.name));
                    k.removes.push(format!(
                        "fkto:{}",
                        unique_key(&references.name, ref_columns)
                    ));
                }
                ConstraintKind::PrimaryKey { columns, .. }
                | ConstraintKind::Unique { columns, .. } => {
                    k.needs_gone
                        .push(format!("fkto:{}", unique_key(t, columns)));
                }
                _ => {}
            }
        }
        // The constraint may have an index, whose name it takes along.
        Change::RenameConstraint { table: t, from, to } => {
            k.needs.push(obj("rel", t));
            k.removes.push(obj("idx", from));
            k.provides.push(obj("idx", to));
        }
        Change::CreateIndex {
            table: t, index, ..
        } => {
            table(&mut k, t);
            k.provides.push(obj("idx", &index.name));
            if index.unique && index.predicate.is_none() {
                let cols: Vec<Ident> = index
                    .keys
                    .iter()
                    .filter_map(|key| match &key.expr {
                        KeyExpr::Column(c) => Some(c.clone()),
                        KeyExpr::Expr(_) => None,
                    })
                    .collect();
                k.provides.push(unique_key(t, &cols));
            }
        }
        Change::DropIndex {
            table: t, index, ..
        } => {
            k.needs.push(obj("rel", t));
            k.removes.push(obj("idx", &index.name));
            k.needs_gone.push(obj("ri", &index.name));
        }
        Change::RenameIndex { from, to } => {
            k.needs.push(obj("idx", from));
            k.removes.push(obj("idx", from));
            k.provides.push(obj("idx", to));
        }
        Change::AttachIndex { parent, child } => {
            k.needs.push(obj("idx", parent));
            k.needs.push(obj("idx", child));
        }
        Change::EnableRls { table: t }
        | Change::ForceRls { table: t }
        | Change::DisableRls { table: t }
        | Change::NoForceRls { table: t } => {
            k.needs.push(obj("rel", t));
        }
        Change::CreatePolicy { table: t, policy } => {
            table(&mut k, t);
            k.provides.push(format!("pol:{t}.{}", policy.name));
        }
        Change::DropPolicy { table: t, policy } => {
            k.needs.push(obj("rel", t));
            k.removes.push(format!("pol:{t}.{}", policy.name));
            for w in policy_words(policy) {
                k.removes.push(format!("dep:{w}"));
            }
        }
        Change::CreatePartition { parent, partition } => {
            k.needs.push(obj("rel", parent));
            k.needs.push(obj("shape", parent));
            k.provides.push(obj("rel", &partition.name));
            k.provides.push(obj("shape", &partition.name));
        }
        Change::DropPartition { parent, partition }
        | Change::DetachPartition { parent, partition } => {
            k.needs.push(obj("rel", parent));
            k.removes.push(obj("rel", &partition.name));
            k.needs_gone.push(format!("fkref:{}", partition.name));
            for p in &partition.partitions {
                k.needs_gone.push(format!("fkref:{}", p.name));
            }
        }
        Change::AttachPartition { parent, partition } => {
            k.needs.push(obj("rel", parent));
            k.needs.push(obj("rel", &partition.name));
            k.provides.push(obj("attached", &partition.name));
        }
        Change::SplitPartition {
            parent,
            default,
            partition,
            ..
        } => {
            k.needs.push(obj("rel", parent));
            k.needs.push(obj("shape", parent));
            k.needs.push(obj("rel", default));
            for p in std::iter::once(partition).chain(partition.partitions.iter()) {
                k.provides.push(obj("rel", &p.name));
                k.provides.push(obj("shape", &p.name));
            }
        }
        Change::MergePartition {
            parent,
            default,
            partition,
            ..
        } => {
            k.needs.push(obj("rel", parent));
            k.needs.push(obj("rel", default));
            for p in std::iter::once(partition).chain(partition.partitions.iter()) {
                k.removes.push(obj("rel", &p.name));
            }
        }
        Change::BuildTable { table: t, .. } => {
            for c in &t.columns {
                if let Some(u) = type_uses(&c.ty) {
                    k.needs.push(u);
                }
            }
            for tr in &t.triggers {
                k.needs.push(obj("fn", &tr.function));
            }
            k.provides.push(obj("built", &t.name));
        }
        Change::CopyRows { from, to, .. } => {
            k.needs.push(obj("built", &to.name));
            // Reads `from` as it is before the swap, which provides the new
            // table under the same name.
            let _ = from;
            for c in &to.constraints {
                if let ConstraintKind::ForeignKey {
                    references,
                    ref_columns,
                    ..
                } = &c.kind
                    && references.name != to.name
                {
                    k.needs.push(obj("rel", &references.name));
                    k.needs.push(unique_key(&references.name, ref_columns));
                    k.provides.push(format!("fkref:{}", references.name));
                }
            }
            k.provides.push(obj("copied", &to.name));
        }
        Change::SwapTable { old, table: t, .. } => {
            k.needs.push(obj("copied", &t.name));
            k.needs.push(obj("rel", &old.name));
            k.needs_gone.push(format!("dep:{}", old.name));
            k.needs_gone.push(format!("fkref:{}", old.name));
            k.removes.push(obj("rel", &old.name));
            for p in old.all_partitions() {
                k.removes.push(obj("rel", &p.name));
            }
            for c in &old.constraints {
                if let ConstraintKind::ForeignKey { references, .. } = &c.kind
                    && references.name != old.name
                {
                    k.removes.push(format!("fkref:{}", references.name));
                }
            }
            for c in &old.columns {
                if let Some(u) = type_uses(&c.ty) {
                    k.removes.push(format!("uses:{u}"));
                }
            }
            k.provides.push(obj("rel", &t.name));
            k.provides.push(obj("shape", &t.name));
            for p in t.all_partitions() {
                k.provides.push(obj("rel", &p.name));
                k.provides.push(obj("shape", &p.name));
            }
            for key in t.unique_keys() {
                k.provides.push(unique_key(&t.name, &key));
            }
            for c in &t.columns {
                if let Some(u) = type_uses(&c.ty) {
                    k.provides.push(format!("uses:{u}"));
                }
            }
        }
        Change::CreateView { view } => {
            k.provides.push(obj("rel", &view.name));
            k.provides.push(obj("shape", &view.name));
            for d in &view.depends_on {
                k.needs.push(obj("rel", d));
                k.needs.push(obj("shape", d));
                k.needs.push(obj("dist", d));
                k.provides.push(format!("dep:{d}"));
            }
        }
        Change::DropView { view } => {
            k.removes.push(obj("rel", &view.name));
            k.needs_gone.push(format!("dep:{}", view.name));
            for d in &view.depends_on {
                k.removes.push(format!("dep:{d}"));
            }
            // Its triggers go with it: their functions may go after.
            for tr in &view.triggers {
                k.removes.push(format!("uses:fn:{}", tr.function));
                k.removes.push(format!("trg:{}.{}", view.name, tr.name));
            }
        }
        Change::CreateTrigger { table: t, trigger } => {
            table(&mut k, t);
            // Also one in another schema of the tier (outside it, no change
            // provides it).
            k.needs.push(obj("fn", &trigger.function));
            k.provides.push(format!("uses:fn:{}", trigger.function));
            k.provides.push(format!("trg:{t}.{}", trigger.name));
        }
        Change::DropTrigger { table: t, trigger } => {
            k.needs.push(obj("rel", t));
            k.removes.push(format!("uses:fn:{}", trigger.function));
            k.removes.push(format!("trg:{t}.{}", trigger.name));
            // `UPDATE OF` columns and those `WHEN` reads: dropped after it.
            if !trigger.columns.is_empty() || trigger.when.is_some() {
                k.removes.push(format!("dep:{t}"));
            }
        }
        Change::RenameTrigger { table: t, from, to } => {
            k.needs.push(obj("rel", t));
            k.removes.push(format!("trg:{t}.{from}"));
            k.provides.push(format!("trg:{t}.{to}"));
        }
        Change::SetTriggerEnabled {
            table: t, trigger, ..
        } => {
            k.needs.push(obj("rel", t));
            k.needs.push(format!("trg:{t}.{trigger}"));
        }
        Change::EnableCitus => k.provides.push("citus".into()),
        Change::DisableCitus => {
            k.removes.push("citus".into());
            k.needs_gone.push("distributed".into());
        }
        Change::DistributeTable {
            table: t,
            colocate_with,
            references,
            ..
        } => {
            table(&mut k, t);
            // In foreign-key order: referenced tables first.
            for r in references {
                k.needs.push(obj("dist", r));
            }
            k.needs.push("citus".into());
            k.needs.push(obj("undist", t));
            k.needs_gone.push(obj("fk", t));
            if let Some(a) = colocate_with.as_ref().filter(|a| *a != t) {
                k.needs.push(obj("dist", a));
            }
            k.provides.push(obj("dist", t));
        }
        Change::UndistributeTable { table: t, .. } => {
            k.needs.push(obj("rel", t));
            k.needs_gone.push(obj("fk", t));
            k.removes.push("distributed".into());
            k.provides.push(obj("undist", t));
            k.provides.push(obj("dist", t));
        }
        Change::SetComment { target, .. } => match target {
            crate::diff::CommentTarget::Table { table: t }
            | crate::diff::CommentTarget::Column { table: t, .. } => table(&mut k, t),
            crate::diff::CommentTarget::View { view, .. }
            | crate::diff::CommentTarget::ViewColumn { view, .. } => k.needs.push(obj("rel", view)),
            crate::diff::CommentTarget::Type { name } => k.needs.push(obj("type", name)),
            crate::diff::CommentTarget::Index { index } => k.needs.push(obj("idx", index)),
            crate::diff::CommentTarget::Constraint { table: t, name } => {
                k.needs.push(obj("rel", t));
                k.needs.push(format!("con:{t}.{name}"));
            }
            crate::diff::CommentTarget::Policy { table: t, name } => {
                k.needs.push(obj("rel", t));
                k.needs.push(format!("pol:{t}.{name}"));
            }
            crate::diff::CommentTarget::Sequence { name } => k.needs.push(obj("seq", name)),
            crate::diff::CommentTarget::Schema { name } => k.needs.push(obj("nsp", name)),
            crate::diff::CommentTarget::Trigger { table: t, name } => {
                k.needs.push(obj("rel", t));
                k.needs.push(format!("trg:{t}.{name}"));
            }
        },
        // A revoke runs before a column it names is dropped (and its
        // reverse, a grant, after the column is added back).
        Change::Revoke {
            target: crate::diff::GrantTarget::Table { name: t },
            ..
        } => {
            k.needs.push(obj("rel", t));
            k.removes.push(format!("dep:{t}"));
        }
        Change::SetOwner { target, .. }
        | Change::Grant { target, .. }
        | Change::Revoke { target, .. } => match target {
            crate::diff::GrantTarget::Schema => k.needs.push("schema".into()),
            crate::diff::GrantTarget::OwnedSchema { name } => k.needs.push(obj("nsp", name)),
            crate::diff::GrantTarget::Table { name: t } => table(&mut k, t),
            crate::diff::GrantTarget::View { name, .. } => {
                k.needs.push(obj("rel", name));
                k.needs.push(obj("shape", name));
            }
            crate::diff::GrantTarget::Sequence { name } => k.needs.push(obj("seq", name)),
            crate::diff::GrantTarget::Function { name, .. } => k.needs.push(obj("fn", name)),
            crate::diff::GrantTarget::Type { name, .. } => k.needs.push(obj("type", name)),
            crate::diff::GrantTarget::Default { in_schema, .. } => {
                k.needs.push("schema".into());
                if let Some(s) = in_schema {
                    k.needs.push(obj("nsp", s));
                }
            }
        },
    }
    // Functions the change's expressions call exist before it, and are
    // dropped after it.
    let away = super::calls::takes_away(change);
    for f in super::calls::calls(change) {
        if away {
            k.removes.push(format!("uses:fn:{f}"));
        } else {
            k.needs.push(format!("fn:{f}"));
            k.provides.push(format!("uses:fn:{f}"));
        }
    }
    // Only a plan that creates or drops the schema needs everything ordered
    // against it; most plans do neither, and skip these keys.
    if schema_change && !matches!(change, Change::CreateSchema | Change::DropSchema) {
        k.needs.push("schema".into());
        if change.sign() != '-' {
            k.provides.push("anything".into());
        } else {
            k.removes.push("anything".into());
        }
    }
    k
}

/// Every word of a policy's expressions: the tables it may read among them.
fn policy_words(p: &crate::model::Policy) -> Vec<String> {
    p.using
        .iter()
        .chain(p.with_check.iter())
        .flat_map(|e| crate::model::sql::words(e).unwrap_or_default())
        .map(|w| w.text)
        .collect()
}

fn unique_key(table: &Ident, cols: &[Ident]) -> String {
    let mut c: Vec<&str> = cols.iter().map(|c| c.as_str()).collect();
    c.sort_unstable();
    format!("uniq:{table}({})", c.join(","))
}

/// Tie-breaking phase: drops (outermost objects first), then creates
/// (innermost first): extensions → types → tables → constraints → indexes →
/// views → policies.
fn phase(change: &Change) -> u8 {
    match change {
        // Work that runs outside a transaction goes last, so the transactional
        // work around it stays in one file and nothing waits on a long build.
        Change::CreateIndex {
            concurrently: true, ..
        }
        | Change::CreateIndex { only: true, .. } => 90,
        Change::AttachIndex { .. } => 91,
        Change::DropIndex {
            concurrently: true, ..
        } => 89,
        Change::DropView { .. } => 1,
        Change::DropTrigger { .. } => 2,
        Change::DropPolicy { .. } => 3,
        Change::NoForceRls { .. } | Change::DisableRls { .. } => 4,
        Change::DropIndex { .. } => 5,
        Change::DropConstraint { constraint, .. }
            if matches!(constraint.kind, ConstraintKind::ForeignKey { .. }) =>
        {
            6
        }
        Change::DropConstraint { .. } => 7,
        Change::DetachPartition { .. }
        | Change::DropPartition { .. }
        | Change::MergePartition { .. } => 8,
        Change::DropColumn { .. } => 9,
        Change::DropTable { .. } => 10,
        Change::DropFunction { .. } | Change::DropSequence { .. } => 11,
        Change::NoInherit { .. } => 9,
        Change::DropEnum { .. }
        | Change::DropDomain { .. }
        | Change::DropComposite { .. }
        | Change::DropRange { .. } => 12,
        Change::AlterComposite {
            step: crate::diff::CompositeStep::DropAttribute { .. },
            ..
        } => 9,
        Change::DropExtension { .. } => 13,
        Change::DropSchema => 14,
        Change::DropOwnedSchema { .. } => 15,
        Change::CreateSchema => 20,
        Change::CreateOwnedSchema { .. } => 20,
        Change::SetRelationSchema { .. } | Change::SetFunctionSchema { .. } => 24,
        Change::SetTypeSchema { .. } => 22,
        Change::CreateExtension { .. } => 21,
        Change::CreateEnum { .. } | Change::AddEnumValue { .. } => 22,
        Change::RenameDomain { .. } | Change::CreateDomain { .. } => 22,
        Change::CreateComposite { .. } | Change::CreateRange { .. } => 22,
        Change::AlterComposite { .. } => 22,
        Change::AlterDomain {
            step: crate::diff::DomainStep::DropCheck { .. },
            ..
        } => 7,
        Change::AlterDomain {
            step: crate::diff::DomainStep::ValidateCheck { .. },
            ..
        } => 37,
        Change::AlterDomain { .. } => 28,
        Change::CreateFunction { .. }
        | Change::ReplaceFunction { .. }
        | Change::CreateSequence { .. } => 23,
        Change::RenameTable { .. } => 24,
        Change::CreateTable { .. } => 25,
        Change::RenameColumn { .. } => 26,
        Change::AddColumn { .. } => 27,
        Change::AlterColumnType { .. }
        | Change::SetDefault { .. }
        | Change::DropDefault { .. }
        | Change::DropNotNull { .. }
        | Change::AddIdentity { .. }
        | Change::DropIdentity { .. }
        | Change::AlterIdentity { .. }
        | Change::SetCollation { .. }
        | Change::SetLogged { .. }
        | Change::AlterSequence { .. }
        | Change::RebuildEnum { .. } => 28,
        Change::SetSequenceOwner { .. } | Change::Inherit { .. } => 29,
        Change::SetReplicaIdentity { .. } => 36,
        Change::SetOptions { .. } => 42,
        Change::CreatePartition { .. }
        | Change::AttachPartition { .. }
        | Change::SplitPartition { .. } => 29,
        Change::BuildTable { .. } | Change::CopyRows { .. } | Change::SwapTable { .. } => 25,
        Change::RenameConstraint { .. } => 30,
        Change::AddConstraint { constraint, .. }
            if !matches!(constraint.kind, ConstraintKind::ForeignKey { .. }) =>
        {
            31
        }
        Change::AddConstraint { .. } => 32,
        Change::AddConstraintUsingIndex { .. } => 36,
        Change::SetNotNull { .. } => 33,
        Change::DropExpression { .. } => 33,
        Change::RenameIndex { .. } => 34,
        Change::CreateIndex { .. } => 35,
        Change::ValidateConstraint { .. } => 37,
        Change::CreateTrigger { .. } => 38,
        Change::RenameTrigger { .. } => 34,
        Change::SetTriggerEnabled { .. } => 39,
        Change::CreateView { .. } => 39,
        Change::EnableRls { .. } | Change::ForceRls { .. } => 40,
        Change::CreatePolicy { .. } => 41,
        Change::SetComment { .. } => 42,
        // Revokes before grants: a narrower grant revokes `ALL` first.
        Change::SetOwner { .. } => 43,
        // Default privileges hold before anything is created: PostgreSQL
        // applies them at creation.
        Change::Revoke {
            target: crate::diff::GrantTarget::Default { .. },
            ..
        } => 21,
        Change::Grant {
            target: crate::diff::GrantTarget::Default { .. },
            ..
        } => 21,
        Change::Revoke { .. } => 44,
        Change::Grant { .. } => 45,
        Change::EnableCitus => 20,
        Change::DisableCitus => 14,
        Change::DistributeTable { .. } => 30,
        Change::UndistributeTable { .. } => 8,
    }
}

/// Order changes so that every change runs after what it needs and before
/// what needs it gone.
/// `chains` are extra (before, after) pairs a strategy needs kept in order.
pub fn order(changes: Vec<Change>, chains: &[(usize, usize)]) -> Result<Vec<Change>, CycleError> {
    let n = changes.len();
    let schema_change = changes
        .iter()
        .any(|c| matches!(c, Change::CreateSchema | Change::DropSchema));
    let all: Vec<Keys> = changes.iter().map(|c| keys(c, schema_change)).collect();
    let mut providers: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut removers: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in all.iter().enumerate() {
        for p in &k.provides {
            providers.entry(p.as_str()).or_default().push(i);
        }
        for r in &k.removes {
            removers.entry(r.as_str()).or_default().push(i);
        }
    }
    let mut graph: DiGraph<usize, ()> = DiGraph::with_capacity(n, n * 2);
    let nodes: Vec<NodeIndex> = (0..n).map(|i| graph.add_node(i)).collect();
    let edge = |a: usize, b: usize, g: &mut DiGraph<usize, ()>| {
        if a != b {
            g.update_edge(nodes[a], nodes[b], ());
        }
    };
    // Members of one strategy chain (create a helper, then drop it) must not
    // get a drop-before-create edge between them.
    let mut group: Vec<usize> = (0..n).collect();
    fn root(g: &mut [usize], mut x: usize) -> usize {
        while g[x] != x {
            g[x] = g[g[x]];
            x = g[x];
        }
        x
    }
    for &(a, b) in chains {
        if a < n && b < n {
            let (ra, rb) = (root(&mut group, a), root(&mut group, b));
            group[ra] = rb;
        }
    }
    let chained: Vec<usize> = (0..n).map(|i| root(&mut group, i)).collect();
    for (i, k) in all.iter().enumerate() {
        for need in &k.needs {
            // A rename needs the object it takes away, as it is before the
            // plan: another change providing that name comes after it.
            let existing = k.removes.contains(need);
            match providers.get(need.as_str()).filter(|_| !existing) {
                // Created in this plan: run after it is created.
                Some(ps) => {
                    for &p in ps {
                        edge(p, i, &mut graph);
                    }
                }
                // Already there: run before this plan removes (or renames) it.
                None => {
                    for &r in removers.get(need.as_str()).into_iter().flatten() {
                        edge(i, r, &mut graph);
                    }
                }
            }
        }
        for gone in &k.needs_gone {
            for &r in removers.get(gone.as_str()).into_iter().flatten() {
                edge(r, i, &mut graph);
            }
        }
        // Replacing an object: the drop runs before the create.
        for p in &k.provides {
            if p.starts_with("rel:")
                || p.starts_with("idx:")
                || p.starts_with("con:")
                || p.starts_with("pol:")
                || p.starts_with("type:")
                || p.starts_with("fn:")
                || p.starts_with("seq:")
            {
                for &r in removers.get(p.as_str()).into_iter().flatten() {
                    if chained[r] != chained[i] || r == i {
                        edge(r, i, &mut graph);
                    }
                }
            }
        }
    }
    for &(a, b) in chains {
        if a < n && b < n {
            edge(a, b, &mut graph);
        }
    }
    let mut indegree: Vec<usize> = nodes
        .iter()
        .map(|&v| {
            graph
                .neighbors_directed(v, petgraph::Direction::Incoming)
                .count()
        })
        .collect();
    let phases: Vec<u8> = changes.iter().map(phase).collect();
    let mut ready: BinaryHeap<Reverse<(u8, usize)>> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .map(|i| Reverse((phases[i], i)))
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse((_, i))) = ready.pop() {
        order.push(i);
        for next in graph.neighbors_directed(nodes[i], petgraph::Direction::Outgoing) {
            let j = graph[next];
            indegree[j] -= 1;
            if indegree[j] == 0 {
                ready.push(Reverse((phases[j], j)));
            }
        }
    }
    if order.len() < n {
        let cycle = tarjan_scc(&graph)
            .into_iter()
            .find(|scc| scc.len() > 1)
            .map(|scc| scc.iter().map(|&v| changes[graph[v]].subject()).collect())
            .unwrap_or_default();
        return Err(CycleError(cycle));
    }
    let mut slots: Vec<Option<Change>> = changes.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}
