//! Canonical expressions: PostgreSQL stores `status in ('a','b')` as
//! `(status = ANY (ARRAY['a'::text, 'b'::text]))` and `'{}'` as
//! `'{}'::jsonb`. Rather than imitate its deparser, the desired model is
//! created on the target server itself — inside a transaction, in a scratch
//! schema — read back with the same introspection as the live schema, and
//! rolled back. Both sides of a live diff are then in the server's words.
//!
//! Almost every relation is created without storage: a table the YAML does
//! not partition becomes a partitioned table with no partitions (keyed on a
//! column of its primary key, which every unique key must then contain), and
//! a leaf partition becomes partitioned by its parent's key. A partitioned
//! table has no data file and no TOAST table, and neither have its indexes,
//! so the server only writes catalog rows; creating files and unlinking them
//! at rollback was most of the cost. The catalog describes columns,
//! expressions, keys, indexes and policies of such a table exactly as it does
//! for a plain one, and the stand-in partition keys are dropped again when the
//! model is read back. Tables that partitioned tables cannot imitate
//! (identity columns, exclusion constraints, `NO INHERIT` checks, unique keys without a common
//! primary-key column, unique indexes on expressions) are created as declared.
//!
//! What the catalog stores verbatim — keys, plain indexes, triggers, comments,
//! RLS flags — is not created at all but taken from the YAML (`Declared`).

use std::collections::HashMap;

use postgres::Client;

use super::{PgError, introspect};
use crate::diff;
use crate::model::{
    Constraint, ConstraintKind, Function, Ident, Index, KeyExpr, Partition, PartitionStrategy,
    Partitioning, Policy, ReplicaIdentity, Rls, Schema, Table, Trigger, quote_ident, quote_literal,
};
use crate::plan;
use crate::render::Renderer;

/// The desired schema as the server would store it. YAML-only facts the
/// catalog cannot hold (declared renames, partition windows, tenancy) are
/// carried over from `desired`.
///
/// A transaction holds a lock on every relation it creates until it ends,
/// and the server's lock table is shared and small (64 per connection by
/// default). So a large tier is created in batches, each in its own
/// transaction that is rolled back: a batch owns some tables (with their
/// partitions, indexes and policies); views come last, with bare copies of
/// what they read.
pub fn desired(
    client: &mut Client,
    desired: &Schema,
    renderer: &Renderer,
) -> Result<Schema, PgError> {
    desired_on(client, None, desired, renderer)
}

/// [`desired`], with a second connection to `helper` (the same database)
/// creating and reading every other batch meanwhile. The server builds each
/// batch on one core; two connections keep two busy. Without a helper, or
/// when it cannot connect, every batch goes through `client`.
pub fn desired_on(
    client: &mut Client,
    helper: Option<&super::Target>,
    desired: &Schema,
    renderer: &Renderer,
) -> Result<Schema, PgError> {
    let tier_schema = desired.name.clone();
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .map_err(PgError::query("backend pid"))?
        .get(0);
    let scratch = Ident::new(format!("schemac_scratch_{pid}"));
    let mut model = desired.clone();
    // The tier's other schemas are built in the same scratch schema
    // (names of relations and functions are unique across a tier's schemas).
    for other in &desired.schemas {
        rename_schema(&mut model, &other.name, &scratch);
    }
    model.schemas.clear();
    for t in &mut model.tables {
        t.schema = None;
    }
    // A view's triggers are stored as declared (an INSTEAD OF trigger has
    // no WHEN): taken from the YAML, not created.
    for v in &mut model.views {
        v.schema = None;
        v.triggers.clear();
    }
    for f in &mut model.functions {
        f.schema = None;
    }
    for (_, schema) in model.type_schemas_mut() {
        *schema = None;
    }
    for t in &mut model.tables {
        for tr in &mut t.triggers {
            if tr
                .function_schema
                .as_ref()
                .is_some_and(|s| desired.schemas.iter().any(|o| o.name == *s))
            {
                tr.function_schema = None;
            }
        }
    }
    rename_schema(&mut model, &tier_schema, &scratch);
    // The scratch copy stays local to the coordinator of a Citus cluster.
    model.citus = false;
    for t in &mut model.tables {
        t.distribution = None;
    }
    strip_privileges(&mut model);
    without_storage(&mut model);
    let mut plain = take_plain(&mut model);
    let mut canonical = Schema::empty(scratch.clone());
    let budget = std::env::var("SCHEMAC_LOCKS_PER_TRANSACTION")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LOCK_BUDGET);
    let tier_schemas: Vec<String> = std::iter::once(tier_schema.to_string())
        .chain(desired.schemas.iter().map(|s| s.name.to_string()))
        .collect();
    let managed: Vec<String> = desired
        .tables
        .iter()
        .flat_map(|t| {
            let mut names = vec![t.name.to_string()];
            names.extend(t.all_partitions().iter().map(|p| p.name.to_string()));
            names
        })
        .chain(desired.views.iter().map(|v| v.name.to_string()))
        .collect();
    let mut cache =
        super::cache::Cache::open(client, tier_schema.as_str(), &tier_schemas, &managed);
    let setup = Setup {
        ensure: ensure_owned(desired, renderer)?,
        qualified: super::qualified::Qualified::of(desired),
        path: desired
            .schemas
            .iter()
            .map(|o| quote_ident(o.name.as_str()))
            .collect(),
    };
    let keys = cache
        .as_ref()
        .map(|_| Keys::of(&model, &setup.ensure, renderer));
    let mut known = Known::default();
    if let (Some(cache), Some(keys)) = (&mut cache, &keys) {
        known = keys.look_up(cache);
    }
    let skip: std::collections::HashSet<Ident> = known.tables.keys().cloned().collect();
    // After the cache keys, which cover every partition.
    let aside = super::aside::take(&mut model, desired);
    crate::timing::tally(
        "scratch: partitions not created",
        aside.values().map(Vec::len).sum(),
    );
    let mut batches = batches(&model, budget, &skip, known.views.is_none(), &aside);
    if known.shell.is_some() {
        batches.retain(|b| !b.owned.is_empty() || b.views);
    }
    crate::timing::tally("scratch: tables reused from the cache", skip.len());
    crate::timing::tally(
        "scratch: tables created",
        batches.iter().map(|b| b.owned.len()).sum(),
    );
    let reads = read_batches(client, helper, &batches, &tier_schema, &setup, renderer)?;
    for (i, (batch, got)) in batches.into_iter().zip(reads).enumerate() {
        if i == 0 && known.shell.is_none() {
            let shell = Shell::of(&got);
            if let (Some(cache), Some(keys)) = (&mut cache, &keys) {
                cache.put(keys.shell.clone(), &shell);
            }
            known.shell = Some(shell);
        }
        let owned: Vec<Table> = got
            .tables
            .into_iter()
            .filter(|t| batch.owned.contains(&t.name))
            .collect();
        if let (Some(cache), Some(keys)) = (&mut cache, &keys) {
            for t in &owned {
                if let Some(key) = keys.tables.get(&t.name) {
                    cache.put(key.clone(), t);
                }
            }
            if batch.views
                && let Some(key) = &keys.views
            {
                cache.put(key.clone(), &got.views);
            }
        }
        canonical.tables.extend(owned);
        if batch.views {
            canonical.views = got.views;
        }
    }
    if let Some(shell) = known.shell {
        shell.into(&mut canonical);
    }
    canonical.tables.extend(known.tables.into_values());
    if let Some(views) = known.views {
        canonical.views = views;
    }
    if let Some(cache) = cache {
        cache.save();
    }
    // Batches read tables in batch order; keep the YAML's order.
    let position: HashMap<&Ident, usize> = model
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.name, i))
        .collect();
    canonical
        .tables
        .sort_by_key(|t| position.get(&t.name).copied().unwrap_or(usize::MAX));
    for t in &mut canonical.tables {
        if let Some(declared) = plain.remove(&t.name) {
            declared.restore(t);
        }
    }
    rename_schema(&mut canonical, &scratch, &tier_schema);
    carry_over(desired, &mut canonical);
    canonical.schemas = desired.schemas.clone();
    canonical.external = desired.external.clone();
    canonical.external_types = desired.external_types.clone();
    for t in &mut canonical.tables {
        for c in &mut t.constraints {
            if let ConstraintKind::ForeignKey { references, .. } = &mut c.kind
                && references.schema == tier_schema
            {
                *references = desired.qualify_relation(&references.name);
            }
        }
    }
    canonical.citus = desired.citus;
    canonical.roles = desired.roles.clone();
    canonical.owner = desired.owner.clone();
    canonical.grants = desired.grants.clone();
    canonical.default_privileges = desired.default_privileges.clone();
    // Sequence options are numbers the catalog keeps as written.
    canonical.sequences = desired.sequences.clone();
    Ok(canonical)
}

/// The cache keys of what [`desired_on`] creates (see [`super::cache`]):
/// one for the types, functions and extensions every batch creates, one per
/// table (with what it reads), one for the views.
struct Keys {
    shell: String,
    tables: HashMap<Ident, String>,
    views: Option<String>,
}

/// What the cache held for [`Keys`].
#[derive(Default)]
struct Known {
    shell: Option<Shell>,
    tables: HashMap<Ident, Table>,
    views: Option<Vec<crate::model::View>>,
}

/// What every batch creates beside its tables, as read back.
#[derive(serde::Serialize, serde::Deserialize)]
struct Shell {
    extensions: Vec<crate::model::Extension>,
    enums: Vec<crate::model::Enum>,
    functions: Vec<crate::model::Function>,
    domains: Vec<crate::model::Domain>,
    composites: Vec<crate::model::Composite>,
    ranges: Vec<crate::model::RangeType>,
}

impl Shell {
    fn of(read: &Schema) -> Shell {
        Shell {
            extensions: read.extensions.clone(),
            enums: read.enums.clone(),
            functions: read.functions.clone(),
            domains: read.domains.clone(),
            composites: read.composites.clone(),
            ranges: read.ranges.clone(),
        }
    }

    fn into(self, model: &mut Schema) {
        model.extensions = self.extensions;
        model.enums = self.enums;
        model.functions = self.functions;
        model.domains = self.domains;
        model.composites = self.composites;
        model.ranges = self.ranges;
    }
}

impl Keys {
    /// Keys of the stripped `model`, rendered by `renderer` after `ensure`
    /// (see [`ensure_owned`]). A table in an inheritance tree has none: its
    /// columns come from its parents.
    fn of(model: &Schema, ensure: &str, renderer: &Renderer) -> Keys {
        use super::cache::Cache;
        let shell = Cache::key(
            "shell",
            &[
                &renderer.overrides(),
                &ensure,
                &model.extensions,
                &model.enums,
                &model.functions,
                &model.domains,
                &model.composites,
                &model.ranges,
            ],
        );
        let by_name: HashMap<&Ident, &Table> = model.tables.iter().map(|t| (&t.name, t)).collect();
        let inheriting: std::collections::HashSet<&Ident> = model
            .tables
            .iter()
            .filter(|t| !t.inherits.is_empty())
            .flat_map(|t| t.inherits.iter().chain([&t.name]))
            .collect();
        let sequences: HashMap<&str, &crate::model::Sequence> = model
            .sequences
            .iter()
            .map(|s| (s.name.as_str(), s))
            .collect();
        let mut tables = HashMap::new();
        for t in &model.tables {
            if inheriting.contains(&t.name) {
                continue;
            }
            let mut read: Vec<Table> = Vec::new();
            let mut names = policy_words(t);
            names.sort();
            names.dedup();
            for n in names {
                if let Some(other) = by_name.get(&Ident::new(n))
                    && other.name != t.name
                {
                    read.push(bare(other));
                }
            }
            let mut seqs: Vec<String> = t
                .columns
                .iter()
                .filter_map(|c| c.default.as_deref())
                .flat_map(crate::model::sql::sequences_read)
                .collect();
            seqs.sort();
            seqs.dedup();
            let seqs: Vec<&crate::model::Sequence> = seqs
                .iter()
                .filter_map(|n| sequences.get(n.as_str()).copied())
                .collect();
            let key = Cache::key("table", &[&shell, t, &read, &seqs]);
            tables.insert(t.name.clone(), key);
        }
        let views = (!model.views.is_empty()).then(|| {
            let mut inputs: Vec<Table> = Vec::new();
            let mut read: Vec<&Ident> = model
                .views
                .iter()
                .flat_map(|v| v.depends_on.iter())
                .collect();
            read.sort();
            read.dedup();
            for n in read {
                if let Some(t) = by_name.get(n) {
                    inputs.push(bare(t));
                }
            }
            Cache::key("views", &[&shell, &model.views, &inputs])
        });
        Keys {
            shell,
            tables,
            views,
        }
    }

    fn look_up(&self, cache: &mut super::cache::Cache) -> Known {
        Known {
            shell: cache.get(&self.shell),
            tables: self
                .tables
                .iter()
                .filter_map(|(name, key)| Some((name.clone(), cache.get(key)?)))
                .collect(),
            views: self.views.as_ref().and_then(|key| cache.get(key)),
        }
    }
}

/// Relation locks one batch may take ([`plan::LOCKS_PER_TRANSACTION`];
/// `SCHEMAC_LOCKS_PER_TRANSACTION` overrides it for a server with a smaller
/// lock table).
const LOCK_BUDGET: usize = plan::LOCKS_PER_TRANSACTION;

/// One transaction's worth of the desired schema.
struct Batch {
    schema: Schema,
    /// Tables whose canonical form this batch provides.
    owned: std::collections::HashSet<Ident>,
    /// Their partitions left out of the build ([`super::aside`]).
    aside: Vec<super::aside::Aside>,
    /// Whether the batch provides the views.
    views: bool,
}

/// Relations created for a table: itself (with a TOAST table and index
/// unless it is partitioned), its indexes and key constraints, and the same
/// for every partition.
fn locks(t: &Table) -> usize {
    fn relation(partitioned: bool) -> usize {
        if partitioned { 1 } else { 3 }
    }
    fn partitions(ps: &[Partition], indexes: usize) -> usize {
        ps.iter()
            .map(|p| {
                relation(p.partitioning.is_some()) + indexes + partitions(&p.partitions, indexes)
            })
            .sum()
    }
    let keys = t
        .constraints
        .iter()
        .filter(|c| c.kind.builds_index())
        .count();
    let indexes = t.indexes.len() + keys;
    relation(t.partitioning.is_some()) + indexes + partitions(&t.partitions, indexes)
}

/// Turn tables and leaf partitions into storage-less partitioned stand-ins
/// where PostgreSQL allows it (see the module docs).
fn without_storage(model: &mut Schema) {
    // Partitioned tables take no part in inheritance.
    let parents: std::collections::HashSet<Ident> = model
        .tables
        .iter()
        .flat_map(|t| t.inherits.iter().cloned())
        .collect();
    for t in &mut model.tables {
        let inheritance = !t.inherits.is_empty() || parents.contains(&t.name);
        match &t.partitioning {
            None if inheritance => {}
            None => t.partitioning = stand_in_key(t).map(|c| range_on(vec![KeyExpr::Column(c)])),
            Some(key) if primary_key(t).is_some() => {
                let key = key.clone();
                partition_leaves(&mut t.partitions, &key);
            }
            Some(_) => {}
        }
    }
}

/// What a table declares that the server stores verbatim: primary and
/// foreign keys (column lists, actions, deferrability), indexes that are not
/// unique, have no predicate and no included columns, on plain columns with
/// default operator class and null placement, triggers, comments and RLS
/// flags. The catalog reads these back exactly as the YAML declares them, so
/// they join the canonical model as declared instead of being created; in a
/// large tier they are most of the relations and statements. Without foreign
/// keys a batch needs no copies of tables other batches own.
struct Declared {
    constraints: Vec<Constraint>,
    indexes: Vec<Index>,
    triggers: Vec<Trigger>,
    comment: Option<String>,
    column_comments: HashMap<Ident, Option<String>>,
    rls: Rls,
    partition_rls: HashMap<Ident, Rls>,
    /// Comments and validity of the constraints that are created, comments
    /// and storage parameters of the indexes that are, by name.
    constraint_notes: HashMap<(Ident, Ident), ConstraintNote>,
    index_notes: HashMap<Ident, (Option<String>, crate::model::StorageOptions)>,
    policy_comments: HashMap<(Ident, Ident), Option<String>>,
    partition_comments: HashMap<Ident, (Option<String>, crate::model::StorageOptions)>,
    options: crate::model::StorageOptions,
    replica_identity: ReplicaIdentity,
    unlogged: bool,
}

impl Declared {
    fn restore(self, t: &mut Table) {
        // Ordered by name, as the catalog queries order them.
        t.constraints.extend(self.constraints);
        t.constraints
            .sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        t.indexes.extend(self.indexes);
        t.indexes
            .sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        // A `WHEN` condition comes back in the server's words.
        let read = std::mem::take(&mut t.triggers);
        t.triggers = self.triggers;
        for tr in &mut t.triggers {
            if let Some(r) = read.iter().find(|r| r.name == tr.name && tr.when.is_some()) {
                tr.when = r.when.clone();
            }
        }
        t.triggers
            .sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        t.comment = self.comment;
        for c in &mut t.columns {
            c.comment = self.column_comments.get(&c.name).cloned().flatten();
        }
        t.rls = self.rls;
        t.options = self.options;
        t.replica_identity = self.replica_identity;
        t.unlogged = self.unlogged;
        let notes = Notes {
            constraints: self.constraint_notes,
            indexes: self.index_notes,
            policies: self.policy_comments,
        };
        notes.relation(&t.name, &mut t.constraints, &mut t.indexes, &mut t.policies);
        fn walk(
            ps: &mut [Partition],
            n: &Notes,
            rls: &HashMap<Ident, Rls>,
            comments: &HashMap<Ident, (Option<String>, crate::model::StorageOptions)>,
        ) {
            for p in ps {
                p.rls = rls.get(&p.name).copied().unwrap_or_default();
                if let Some((comment, options)) = comments.get(&p.name) {
                    p.comment = comment.clone();
                    p.options = options.clone();
                }
                n.relation(&p.name, &mut p.constraints, &mut p.indexes, &mut p.policies);
                walk(&mut p.partitions, n, rls, comments);
            }
        }
        walk(
            &mut t.partitions,
            &notes,
            &self.partition_rls,
            &self.partition_comments,
        );
    }
}

/// A constraint's comment, its index's comment, and whether it is NOT VALID.
type ConstraintNote = (Option<String>, Option<String>, bool);

/// What [`take_notes`] took off the relations that are created.
struct Notes {
    constraints: HashMap<(Ident, Ident), ConstraintNote>,
    indexes: HashMap<Ident, (Option<String>, crate::model::StorageOptions)>,
    policies: HashMap<(Ident, Ident), Option<String>>,
}

impl Notes {
    fn relation(&self, owner: &Ident, cs: &mut [Constraint], is: &mut [Index], ps: &mut [Policy]) {
        for c in cs {
            if let Some((comment, index_comment, not_valid)) =
                self.constraints.get(&(owner.clone(), c.name.clone()))
            {
                c.comment = comment.clone();
                c.not_valid = *not_valid;
                c.index_comment = index_comment.clone();
            }
        }
        for i in is {
            if let Some((comment, options)) = self.indexes.get(&i.name) {
                i.comment = comment.clone();
                i.options = options.clone();
            }
        }
        for p in ps {
            p.comment = self
                .policies
                .get(&(owner.clone(), p.name.clone()))
                .cloned()
                .flatten();
        }
    }
}

/// Take out what [`Declared`] describes. A table a view reads keeps its
/// primary key: the view may rely on it to group.
fn take_plain(model: &mut Schema) -> HashMap<Ident, Declared> {
    fn partition_rls(ps: &mut [Partition], out: &mut HashMap<Ident, Rls>) {
        for p in ps {
            out.insert(p.name.clone(), std::mem::take(&mut p.rls));
            partition_rls(&mut p.partitions, out);
        }
    }
    let read_by_views: std::collections::HashSet<Ident> = model
        .views
        .iter()
        .flat_map(|v| v.depends_on.iter().cloned())
        .collect();
    let plain_index = |i: &Index| {
        !i.unique
            && i.predicate.is_none()
            && i.include.is_empty()
            && i.keys.iter().all(|k| {
                matches!(k.expr, KeyExpr::Column(_))
                    && k.opclass.is_none()
                    && k.nulls_first.is_none()
            })
    };
    let mut out = HashMap::new();
    for t in &mut model.tables {
        let keep_key = read_by_views.contains(&t.name);
        let (constraints, kept): (Vec<Constraint>, Vec<Constraint>) =
            std::mem::take(&mut t.constraints)
                .into_iter()
                .partition(|c| match c.kind {
                    ConstraintKind::ForeignKey { .. } => true,
                    ConstraintKind::PrimaryKey { .. } => !keep_key,
                    _ => false,
                });
        t.constraints = kept;
        let (indexes, kept): (Vec<Index>, Vec<Index>) = std::mem::take(&mut t.indexes)
            .into_iter()
            .partition(plain_index);
        t.indexes = kept;
        let mut declared = Declared {
            constraints,
            indexes,
            triggers: stand_in_triggers(&mut t.triggers),
            comment: t.comment.take(),
            column_comments: t
                .columns
                .iter_mut()
                .map(|c| (c.name.clone(), c.comment.take()))
                .collect(),
            rls: std::mem::take(&mut t.rls),
            partition_rls: HashMap::new(),
            constraint_notes: HashMap::new(),
            index_notes: HashMap::new(),
            policy_comments: HashMap::new(),
            partition_comments: HashMap::new(),
            options: std::mem::take(&mut t.options),
            replica_identity: std::mem::take(&mut t.replica_identity),
            unlogged: std::mem::take(&mut t.unlogged),
        };
        partition_rls(&mut t.partitions, &mut declared.partition_rls);
        take_notes(t, &mut declared);
        out.insert(t.name.clone(), declared);
    }
    out
}

/// Takes the triggers of a table, leaving in their place plain `AFTER … FOR
/// EACH ROW` stand-ins for those with a `WHEN` condition, which the catalog
/// stores parsed: such a stand-in accepts every condition the trigger does
/// (it may read `old` and `new`, system columns included), whatever the
/// table's stand-in form.
fn stand_in_triggers(triggers: &mut Vec<Trigger>) -> Vec<Trigger> {
    let taken = std::mem::take(triggers);
    for t in &taken {
        if t.when.is_some() {
            let mut s = Trigger::new(t.name.clone(), "AFTER", &[], t.function.clone());
            // Row triggers cannot fire on TRUNCATE.
            s.events = t
                .events
                .iter()
                .filter(|e| *e != "TRUNCATE")
                .cloned()
                .collect();
            if s.events.is_empty() {
                s.events.push("INSERT".into());
            }
            s.when = t.when.clone();
            s.function_schema = t.function_schema.clone();
            triggers.push(s);
        }
    }
    taken
}

/// Comments, validity and storage parameters of what is created: the
/// catalog keeps them verbatim, and a stand-in may refuse some of them.
fn take_notes(t: &mut Table, d: &mut Declared) {
    fn relation(
        cs: &mut [Constraint],
        is: &mut [Index],
        ps: &mut [Policy],
        owner: &Ident,
        d: &mut Declared,
    ) {
        for c in cs {
            d.constraint_notes.insert(
                (owner.clone(), c.name.clone()),
                (c.comment.take(), c.index_comment.take(), c.not_valid),
            );
            c.not_valid = false;
        }
        for i in is {
            d.index_notes.insert(
                i.name.clone(),
                (i.comment.take(), std::mem::take(&mut i.options)),
            );
        }
        for p in ps {
            d.policy_comments
                .insert((owner.clone(), p.name.clone()), p.comment.take());
        }
    }
    fn partitions(ps: &mut [Partition], d: &mut Declared) {
        for p in ps {
            relation(
                &mut p.constraints,
                &mut p.indexes,
                &mut p.policies,
                &p.name,
                d,
            );
            d.partition_comments.insert(
                p.name.clone(),
                (p.comment.take(), std::mem::take(&mut p.options)),
            );
            partitions(&mut p.partitions, d);
        }
    }
    let name = t.name.clone();
    relation(
        &mut t.constraints,
        &mut t.indexes,
        &mut t.policies,
        &name,
        d,
    );
    // Taken (foreign and primary) keys and plain indexes keep theirs.
    partitions(&mut t.partitions, d);
}

fn range_on(key: Vec<KeyExpr>) -> Partitioning {
    Partitioning {
        strategy: PartitionStrategy::Range,
        key,
        window: None,
        sub: None,
        groups: Vec::new(),
        modulus: None,
        default: false,
    }
}

fn primary_key(t: &Table) -> Option<&[Ident]> {
    t.constraints.iter().find_map(|c| match &c.kind {
        ConstraintKind::PrimaryKey { columns, .. } => Some(columns.as_slice()),
        _ => None,
    })
}

/// A primary-key column every unique key of `t` contains, when `t` can be a
/// partitioned table at all. A primary-key column has a btree operator class,
/// which a range key needs.
fn stand_in_key(t: &Table) -> Option<Ident> {
    if t.columns.iter().any(|c| c.identity.is_some())
        || t.constraints.iter().any(|c| {
            matches!(
                c.kind,
                ConstraintKind::Exclude { .. }
                    | ConstraintKind::Check {
                        no_inherit: true,
                        ..
                    }
            )
        })
        || t.indexes.iter().any(|i| {
            i.unique
                && (i.predicate.is_some()
                    || i.keys
                        .iter()
                        .any(|k| matches!(k.expr, KeyExpr::Expr(_)) || k.opclass.is_some()))
        })
    {
        return None;
    }
    primary_key(t)?
        .iter()
        .find(|name| {
            t.column(name.as_str())
                .is_some_and(|c| c.generated.is_none() && c.collation.is_none())
                && t.constraints.iter().all(|c| match &c.kind {
                    ConstraintKind::Unique { columns, .. } => columns.contains(name),
                    _ => true,
                })
                && t.indexes
                    .iter()
                    .filter(|i| i.unique)
                    .all(|i| i.key_columns().any(|k| k == *name))
        })
        .cloned()
}

/// Leaves become partitioned by their parent's key, which the table's unique
/// keys contain already (PostgreSQL requires it of the parent).
fn partition_leaves(ps: &mut [Partition], parent: &Partitioning) {
    for p in ps {
        match &p.partitioning {
            Some(own) => {
                let own = own.clone();
                partition_leaves(&mut p.partitions, &own);
            }
            // A unique key of the leaf alone need not contain the stand-in key.
            None if parent.key.iter().all(|k| matches!(k, KeyExpr::Column(_)))
                && !p.indexes.iter().any(|i| i.unique)
                && !p.constraints.iter().any(|c| c.kind.builds_index()) =>
            {
                p.partitioning = Some(range_on(parent.key.clone()));
            }
            None => {}
        }
    }
}

/// The table as a view's input only: columns and keys (a view may group by
/// the primary key), nothing that takes more locks.
fn bare(t: &Table) -> Table {
    let mut b = Table::new(t.name.clone());
    b.columns = t.columns.clone();
    b.partitioning = t.partitioning.clone();
    b.constraints = t
        .constraints
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
            )
        })
        .cloned()
        .collect();
    b.indexes = t
        .indexes
        .iter()
        .filter(|i| i.unique && i.predicate.is_none())
        .cloned()
        .collect();
    b
}

/// The words of the policies of `t` and of its partitions (`words` folds
/// unquoted identifiers as PostgreSQL does).
fn policy_words(t: &Table) -> Vec<String> {
    let partitions = t.all_partitions();
    t.policies
        .iter()
        .chain(partitions.iter().flat_map(|p| p.policies.iter()))
        .flat_map(|p| p.using.iter().chain(p.with_check.iter()))
        .flat_map(|e| crate::model::sql::words(e).unwrap_or_default())
        .map(|w| w.text)
        .collect()
}

/// The batches creating the tables of `model` not in `skip` (their canonical
/// form is known), and its views when `views`.
fn batches(
    model: &Schema,
    budget: usize,
    skip: &std::collections::HashSet<Ident>,
    views: bool,
    aside: &HashMap<Ident, Vec<super::aside::Aside>>,
) -> Vec<Batch> {
    let shell = || Schema {
        name: model.name.clone(),
        extensions: model.extensions.clone(),
        enums: model.enums.clone(),
        functions: model.functions.clone(),
        tables: Vec::new(),
        views: Vec::new(),
        citus: false,
        sequences: Vec::new(),
        external_types: Vec::new(),
        domains: model.domains.clone(),
        composites: model.composites.clone(),
        ranges: model.ranges.clone(),
        roles: Vec::new(),
        owner: None,
        grants: None,
        default_privileges: Vec::new(),
        schemas: Vec::new(),
        external: Default::default(),
    };
    let by_name: std::collections::HashMap<&Ident, &Table> =
        model.tables.iter().map(|t| (&t.name, t)).collect();
    let mut out: Vec<Batch> = Vec::new();
    let mut current = Batch {
        schema: shell(),
        owned: Default::default(),
        aside: Vec::new(),
        views: false,
    };
    let mut used = 0;
    for t in model.tables.iter().filter(|t| !skip.contains(&t.name)) {
        let cost = locks(t);
        if used > 0 && used + cost > budget {
            out.push(std::mem::replace(
                &mut current,
                Batch {
                    schema: shell(),
                    owned: Default::default(),
                    aside: Vec::new(),
                    views: false,
                },
            ));
            used = 0;
        }
        used += cost;
        current.owned.insert(t.name.clone());
        current.schema.tables.push(t.clone());
        if let Some(a) = aside.get(&t.name) {
            current.aside.extend(a.iter().cloned());
        }
    }
    out.push(current);
    // A policy may read other tables (`exists (select … from deals …)`):
    // those of other batches come as bare copies. Any word naming a table
    // counts; a copy too many costs little.
    if out.len() > 1 || !skip.is_empty() {
        for b in &mut out {
            let mut read: Vec<&Ident> = Vec::new();
            for t in &b.schema.tables {
                for name in policy_words(t) {
                    if let Some((n, _)) = by_name.get_key_value(&Ident::new(name))
                        && !b.owned.contains(*n)
                        && !read.contains(n)
                    {
                        read.push(n);
                    }
                }
            }
            for n in read {
                if let Some(t) = by_name.get(n) {
                    b.schema.tables.push(bare(t));
                }
            }
        }
    }
    if views && !model.views.is_empty() {
        if out.len() == 1 && skip.is_empty() {
            out[0].schema.views = model.views.clone();
            out[0].views = true;
        } else {
            let mut read: Vec<&Ident> = Vec::new();
            for v in &model.views {
                read.extend(v.depends_on.iter().filter(|d| by_name.contains_key(d)));
            }
            read.sort();
            read.dedup();
            let inputs = |have: &[Table]| -> Vec<Table> {
                read.iter()
                    .copied()
                    .filter(|n| !have.iter().any(|t| &t.name == *n))
                    .filter_map(|n| by_name.get(n))
                    .map(|t| bare(t))
                    .collect()
            };
            let views_cost: usize = model.views.iter().map(|v| 1 + v.indexes.len()).sum();
            // Into the last batch when it has room: one catalog read fewer.
            let last = out.len() - 1;
            let extra = inputs(&out[last].schema.tables);
            if used + views_cost + extra.iter().map(locks).sum::<usize>() <= budget {
                out[last].schema.tables.extend(extra);
                out[last].schema.views = model.views.clone();
                out[last].views = true;
            } else {
                let mut schema = shell();
                schema.views = model.views.clone();
                schema.tables = inputs(&[]);
                out.push(Batch {
                    schema,
                    owned: Default::default(),
                    aside: Vec::new(),
                    views: true,
                });
            }
        }
    }
    // The sequences the batch's defaults read, created unowned.
    let sequences: HashMap<&str, &crate::model::Sequence> = model
        .sequences
        .iter()
        .map(|s| (s.name.as_str(), s))
        .collect();
    for b in &mut out {
        let mut names: Vec<String> = b
            .schema
            .tables
            .iter()
            .flat_map(|t| t.columns.iter())
            .filter_map(|c| c.default.as_deref())
            .flat_map(crate::model::sql::sequences_read)
            .collect();
        names.sort();
        names.dedup();
        b.schema.sequences = names
            .iter()
            .filter_map(|n| sequences.get(n.as_str()))
            .map(|s| crate::model::Sequence {
                owned_by: None,
                comment: None,
                ..(*s).clone()
            })
            .collect();
    }
    out
}

/// Each batch created and read back, in batch order. With a helper
/// connection the batches without views are shared out between the two
/// connections as each becomes free; the helper builds them in its own
/// scratch schema, and what it reads is renamed back. Views (and so the
/// batch holding them) stay on `client`.
fn read_batches(
    client: &mut Client,
    helper: Option<&super::Target>,
    batches: &[Batch],
    tier_schema: &Ident,
    setup: &Setup,
    renderer: &Renderer,
) -> Result<Vec<Schema>, PgError> {
    let second = helper
        .filter(|_| batches.iter().filter(|b| !b.views).count() > 1)
        .and_then(|t| super::connect(t).ok());
    let Some(mut second) = second else {
        return batches
            .iter()
            .map(|b| create_and_read(client, &b.schema, &b.aside, tier_schema, setup, renderer))
            .collect();
    };
    let pid: i32 = second
        .query_one("SELECT pg_backend_pid()", &[])
        .map_err(PgError::query("backend pid"))?
        .get(0);
    let own = Ident::new(format!("schemac_scratch_{pid}"));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let take = || loop {
        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match batches.get(i) {
            Some(b) if b.views => continue,
            Some(_) => return Some(i),
            None => return None,
        }
    };
    let (mine, theirs) = std::thread::scope(|scope| {
        let theirs = scope.spawn(|| {
            let mut got = Vec::new();
            while let Some(i) = take() {
                let mut schema = batches[i].schema.clone();
                let scratch = schema.name.clone();
                rename_schema(&mut schema, &scratch, &own);
                let read = create_and_read(
                    &mut second,
                    &schema,
                    &batches[i].aside,
                    tier_schema,
                    setup,
                    renderer,
                )
                .map(|mut read| {
                    rename_schema(&mut read, &own, &scratch);
                    read
                });
                let failed = read.is_err();
                got.push((i, read));
                if failed {
                    break;
                }
            }
            got
        });
        let mut mine = Vec::new();
        while let Some(i) = take() {
            let b = &batches[i];
            let read = create_and_read(client, &b.schema, &b.aside, tier_schema, setup, renderer);
            let failed = read.is_err();
            mine.push((i, read));
            if failed {
                break;
            }
        }
        (mine, theirs.join())
    });
    let theirs = theirs.map_err(|_| PgError::Query {
        what: "creating the desired schema on a second connection".into(),
        message: "the connection's thread stopped".into(),
    })?;
    let mut slots: Vec<Option<Result<Schema, PgError>>> = batches.iter().map(|_| None).collect();
    for (i, read) in mine.into_iter().chain(theirs) {
        slots[i] = Some(read);
    }
    let mut out = Vec::with_capacity(batches.len());
    for (b, slot) in batches.iter().zip(slots) {
        match slot {
            Some(read) => out.push(read?),
            // The views' batch, or one left when the other connection
            // failed (its error comes first).
            None => out.push(create_and_read(
                client,
                &b.schema,
                &b.aside,
                tier_schema,
                setup,
                renderer,
            )?),
        }
    }
    Ok(out)
}

/// SQL run first in every scratch transaction: the tier's further schemas
/// and their functions, created in place where the database lacks them.
/// Expressions call those functions qualified (`app_private.is_admin()`),
/// so the scratch copies are not what they resolve to; the transaction is
/// rolled back, and an existing function is left as it is (as is one that
/// cannot be created before the scratch objects it would use).
fn ensure_owned(desired: &Schema, renderer: &Renderer) -> Result<String, PgError> {
    const TAG: &str = "$schemac_ensure$";
    let mut sql = String::new();
    for s in &desired.schemas {
        sql.push_str(&format!(
            "CREATE SCHEMA IF NOT EXISTS {};\n",
            quote_ident(s.name.as_str())
        ));
    }
    for f in &desired.functions {
        let Some(ns) = &f.schema else { continue };
        let function = Function {
            comment: None,
            owner: None,
            grants: None,
            ..f.clone()
        };
        let create = renderer
            .change(
                &diff::Change::CreateFunction { function },
                desired.name.as_str(),
            )
            .map_err(|e| PgError::Query {
                what: "rendering the desired schema".into(),
                message: e.to_string(),
            })?;
        if create.contains(TAG) {
            continue;
        }
        let regproc = format!(
            "{}.{}({})",
            quote_ident(ns.as_str()),
            quote_ident(f.name.as_str()),
            f.input_types().join(", ")
        );
        sql.push_str(&format!(
            "DO {TAG} BEGIN IF to_regprocedure({}) IS NULL THEN EXECUTE {}; END IF; \
             EXCEPTION WHEN OTHERS THEN NULL; END {TAG};\n",
            quote_literal(&regproc),
            quote_literal(&create)
        ));
    }
    Ok(sql)
}

/// What every batch starts with: further-schema functions created in place
/// ([`ensure_owned`]), the tier's further schemas for the search path, and
/// what names the tier's objects qualified ([`super::qualified`]).
struct Setup {
    ensure: String,
    qualified: super::qualified::Qualified,
    path: Vec<String>,
}

/// Create `model` in its (scratch) schema inside a transaction, read it back
/// with the partitions set `aside` put back, roll back.
fn create_and_read(
    client: &mut Client,
    model: &Schema,
    aside: &[super::aside::Aside],
    tier_schema: &Ident,
    setup: &Setup,
    renderer: &Renderer,
) -> Result<Schema, PgError> {
    let scratch = &model.name;
    let moved;
    let model = if setup.qualified.is_empty() {
        model
    } else {
        moved = setup.qualified.to_scratch(model);
        &moved
    };
    let span = crate::timing::span("scratch: diff and order the batch");
    let changes = diff::between(&Schema::empty(scratch.clone()), model);
    let steps = plan::build(&Schema::empty(scratch.clone()), model, changes)
        .map_err(|e| PgError::Query {
            what: "ordering the desired schema".into(),
            message: e.to_string(),
        })?
        .steps;
    drop(span);
    let span = crate::timing::span("scratch: render the batch");
    // The scratch schema is created even when the model has nothing that
    // would create it (a tier holding only objects schemac leaves alone).
    // On a Citus coordinator the scratch objects are not sent to the
    // workers (elsewhere the setting is an inert placeholder). Function
    // bodies are stored as written, so they are not validated: a body naming
    // the tier's schema (`FROM app.t`, `::app.money`) would be checked
    // against the live objects, not the scratch copies the function uses.
    let path: String = setup.path.iter().map(|p| format!("{p}, ")).collect();
    let mut sql = format!(
        "SET LOCAL citus.enable_ddl_propagation TO off;\nSET LOCAL check_function_bodies TO off;\nCREATE SCHEMA IF NOT EXISTS {scratch_q};\nSET LOCAL search_path TO {scratch_q}, {}, {path}public;\nSET LOCAL TimeZone = 'UTC';\n",
        quote_ident(tier_schema.as_str()),
        scratch_q = quote_ident(scratch.as_str()),
    );
    sql.push_str(super::catalog::BUILTIN_DEFAULTS);
    sql.push_str(&setup.ensure);
    for s in &steps {
        let text = renderer
            .change(&s.change, scratch.as_str())
            .map_err(|e| PgError::Query {
                what: "rendering the desired schema".into(),
                message: e.to_string(),
            })?;
        sql.push_str(&text);
        sql.push('\n');
    }
    drop(span);
    let span = crate::timing::span("scratch: run the DDL (server)");
    let mut tx = client.transaction().map_err(PgError::query("begin"))?;
    tx.batch_execute(&sql).map_err(|e| {
        let mut message = super::describe(&e);
        if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
            message.push_str(
                "\n  hint: to compare expressions as the server stores them, the YAML's schema is \
                 created in a scratch schema inside a transaction that is rolled back; the role \
                 needs CREATE on the database (GRANT CREATE ON DATABASE … TO …). Nothing is committed.",
            );
        }
        PgError::Query {
            what: "creating the desired schema in a scratch schema".into(),
            message,
        }
    })?;
    drop(span);
    let span = crate::timing::span("scratch: read it back");
    let bounds = super::aside::bounds(&mut tx, scratch.as_str(), aside)?;
    let mut read = introspect::read(&mut tx, scratch.as_str(), "")?;
    super::aside::restore(&mut read, aside, bounds);
    drop(span);
    let _span = crate::timing::span("scratch: roll back (server)");
    tx.rollback().map_err(PgError::query("rollback"))?;
    Ok(read)
}

fn rename_schema(model: &mut Schema, from: &Ident, to: &Ident) {
    model.name = to.clone();
    for t in &mut model.tables {
        for c in &mut t.constraints {
            if let ConstraintKind::ForeignKey { references, .. } = &mut c.kind
                && references.schema == *from
            {
                references.schema = to.clone();
            }
        }
    }
}

/// Owners and privileges are names the catalog keeps as written: they are
/// not created in the scratch schema (their roles need not exist there) but
/// carried over.
fn strip_privileges(model: &mut Schema) {
    model.owner = None;
    model.grants = None;
    model.default_privileges.clear();
    for t in &mut model.tables {
        t.owner = None;
        t.grants.clear();
    }
    for v in &mut model.views {
        v.owner = None;
        v.grants.clear();
    }
    for s in &mut model.sequences {
        s.owner = None;
        s.grants.clear();
    }
}

/// Copy what only the YAML knows onto the canonical model.
fn carry_over(yaml: &Schema, canonical: &mut Schema) {
    let tables = yaml.table_index();
    for t in &mut canonical.tables {
        let Some(y) = tables.get(t.name.as_str()).copied() else {
            continue;
        };
        t.was = y.was.clone();
        t.schema = y.schema.clone();
        t.tenancy = y.tenancy;
        t.soft_references = y.soft_references.clone();
        t.deprecated = y.deprecated.clone();
        t.distribution = y.distribution.clone();
        t.owner = y.owner.clone();
        t.grants = y.grants.clone();
        if y.partitioning.is_none() {
            t.partitioning = None;
        }
        restore_leaves(&mut t.partitions, &y.partitions);
        if let (Some(p), Some(yp)) = (&mut t.partitioning, &y.partitioning) {
            p.window = yp.window.clone();
            p.groups = yp.groups.clone();
            p.modulus = yp.modulus;
            p.default = yp.default;
            p.sub = yp.sub.clone();
        }
        for tr in &mut t.triggers {
            if let Some(yt) = y.triggers.iter().find(|yt| yt.name == tr.name) {
                tr.function_schema = yt.function_schema.clone();
            }
        }
        for c in &mut t.columns {
            if let Some(yc) = y.column(c.name.as_str()) {
                c.was = yc.was.clone();
                c.deprecated = yc.deprecated.clone();
            }
        }
        t.origin = y.origin;
    }
    // A function's name is unique across the tier's schemas.
    for f in &mut canonical.functions {
        if let Some(y) = yaml.functions.iter().find(|y| y.name == f.name) {
            f.schema = y.schema.clone();
        }
    }
    for v in &mut canonical.views {
        if let Some(y) = yaml.view(v.name.as_str()) {
            v.was = y.was.clone();
            v.schema = y.schema.clone();
            v.refresh_concurrently = y.refresh_concurrently;
            v.depends_on = y.depends_on.clone();
            v.owner = y.owner.clone();
            v.grants = y.grants.clone();
            v.triggers = y.triggers.clone();
            v.triggers
                .sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
            v.origin = y.origin;
        }
    }
    // Names are unique across the tier's schemas: each type takes the
    // YAML's schema.
    for (name, schema) in canonical.type_schemas_mut() {
        if let Some(y) = yaml.type_schema(name.as_str()) {
            *schema = y.cloned();
        }
    }
    // A rename declared with `was:` is the YAML's alone.
    for d in &mut canonical.domains {
        if let Some(y) = yaml.domains.iter().find(|y| y.name == d.name) {
            d.was = y.was.clone();
            d.origin = y.origin;
        }
    }
    for c in &mut canonical.composites {
        let Some(y) = yaml.composite(c.name.as_str()) else {
            continue;
        };
        for a in &mut c.attributes {
            if let Some(ya) = y.attribute(a.name.as_str()) {
                a.was = ya.was.clone();
                a.origin = ya.origin;
            }
        }
        c.origin = y.origin;
    }
}

/// Drop the keys [`without_storage`] gave leaf partitions.
fn restore_leaves(canonical: &mut [Partition], yaml: &[Partition]) {
    for p in canonical {
        let Some(y) = yaml.iter().find(|y| y.name == p.name) else {
            continue;
        };
        if y.partitioning.is_none() {
            p.partitioning = None;
        }
        // Names the model gives partitions' clones, not those of the scratch build.
        p.clones = y.clones.clone();
        restore_leaves(&mut p.partitions, &y.partitions);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{PROJECT, loaded};
    use crate::model::{ConstraintKind, Ident, KeyExpr, Schema, Table};

    #[test]
    fn tables_and_leaves_become_storage_less_where_postgres_allows_it() {
        let tier = r#"
tables:
  accounts:
    columns:
      id: { type: uuid, primary_key: true }
  members:
    columns:
      account_id: { type: uuid, references: accounts }
      id: uuid
      email: text
    primary_key: [account_id, id]
    unique:
      - [account_id, email]
  logins:
    columns:
      id: { type: uuid, primary_key: true }
      email: { type: text, unique: true }
  counters:
    columns:
      id: { type: bigint, primary_key: true, identity: always }
  notes:
    columns:
      body: text
  lowered:
    columns:
      id: { type: uuid, primary_key: true }
      email: text
    indexes:
      - { columns: ["(lower(email))"], unique: true }
  events:
    columns:
      id: uuid
      created: timestamptz
    primary_key: [id, created]
    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }
"#;
        let l = loaded(&[("schemac.yaml", PROJECT), ("app/t.yaml", tier)]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        let mut schema = l.project.tier("app").expect("app").schema.clone();
        super::without_storage(&mut schema);
        let key = |name: &str| -> Option<Vec<String>> {
            let t = schema.table(name).expect(name);
            t.partitioning.as_ref().map(|p| {
                p.key
                    .iter()
                    .map(|k| match k {
                        KeyExpr::Column(c) => c.to_string(),
                        KeyExpr::Expr(e) => e.clone(),
                    })
                    .collect()
            })
        };
        assert_eq!(key("accounts"), Some(vec!["id".to_string()]));
        // The key every unique key contains, not merely the first of the primary key.
        assert_eq!(key("members"), Some(vec!["account_id".to_string()]));
        assert_eq!(
            key("logins"),
            None,
            "unique email lacks every primary-key column"
        );
        assert_eq!(key("counters"), None, "identity columns");
        assert_eq!(key("notes"), None, "no primary key");
        assert_eq!(key("lowered"), None, "unique expression index");
        let events = schema.table("events").expect("events");
        assert_eq!(events.partitions.len(), 3, "two months and the default");
        for p in &events.partitions {
            let sub = p.partitioning.as_ref().expect("leaf partitioned");
            assert_eq!(sub.key, vec![KeyExpr::Column(Ident::new("created"))]);
        }
        assert!(super::locks(schema.table("accounts").expect("t")) < 3);
    }

    #[test]
    fn what_is_taken_out_comes_back_unchanged() {
        let l = loaded(&[
            (
                "schemac.yaml",
                "project: t\ntenancy: { root: app.tenants, setting: app.tenant }\nconventions: { touch_updated: true }\ntiers:\n  app: { database: app }\n",
            ),
            (
                "app/t.yaml",
                r#"
tables:
  tenants:
    comment: Customers.
    columns:
      id: { type: uuid, primary_key: true }
  items:
    columns:
      id: { type: uuid, primary_key: true }
      name: { type: text, comment: Shown to users. }
      updated: timestamptz
    indexes:
      - [name]
      - { columns: [name], where: "name <> ''" }
  events:
    columns:
      id: uuid
      created: timestamptz
    primary_key: [tenant_id, id, created]
    partition: { by: range(created), interval: month, from: 2025-01, count: 2 }
"#,
            ),
        ]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        let original = l.project.tier("app").expect("app").schema.clone();
        let before = original.table("items").expect("items");
        assert!(
            !before.triggers.is_empty()
                && before.rls.forced
                && before.columns.iter().any(|c| c.comment.is_some())
                && before
                    .constraints
                    .iter()
                    .any(|c| matches!(c.kind, ConstraintKind::ForeignKey { .. })),
            "the test covers triggers, RLS, comments and foreign keys: {before:?}"
        );
        let mut model = original.clone();
        let mut taken = super::take_plain(&mut model);
        let items = model.table("items").expect("items");
        assert!(items.constraints.iter().all(|c| !matches!(
            c.kind,
            ConstraintKind::PrimaryKey { .. } | ConstraintKind::ForeignKey { .. }
        )));
        assert_eq!(
            items.indexes.len(),
            1,
            "the partial index stays: {:?}",
            items.indexes
        );
        assert!(items.triggers.is_empty() && items.rls.is_off());
        assert!(model.table("tenants").expect("t").comment.is_none());
        for t in &mut model.tables {
            taken.remove(&t.name).expect("taken").restore(t);
        }
        let sorted = |s: &Schema| -> Vec<Table> {
            let mut tables = s.tables.clone();
            for t in &mut tables {
                t.constraints
                    .sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
                t.indexes
                    .sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
                t.triggers
                    .sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
            }
            tables
        };
        assert_eq!(sorted(&model), sorted(&original));
        let events = original.table("events").expect("events");
        assert!(
            events.partitions.iter().all(|p| p.rls.forced),
            "the test covers partition RLS"
        );
    }

    #[test]
    fn batches_own_every_table_once_and_views_get_bare_copies_of_their_inputs() {
        let mut tier = String::from(
            "tables:\n  accounts:\n    columns:\n      id: { type: bigint, primary_key: true }\n",
        );
        for i in 0..30 {
            tier.push_str(&format!(
                "  items_{i}s:\n    columns:\n      id: {{ type: bigint, primary_key: true }}\n      account_id: {{ type: bigint, references: accounts }}\n    indexes:\n      - [account_id]\n"
            ));
        }
        tier.push_str("views:\n  item_ids: select id from items_0s\n");
        let l = loaded(&[("schemac.yaml", PROJECT), ("app/t.yaml", &tier)]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        let schema = &l.project.tier("app").expect("app").schema;
        let batches = super::batches(schema, 40, &Default::default(), true, &Default::default());
        assert!(batches.len() > 3, "{} batches", batches.len());
        let mut owned: Vec<String> = batches
            .iter()
            .flat_map(|b| b.owned.iter().map(|t| t.to_string()))
            .collect();
        owned.sort();
        let mut all: Vec<String> = schema.tables.iter().map(|t| t.name.to_string()).collect();
        all.sort();
        assert_eq!(owned, all, "every table owned exactly once");
        for b in &batches {
            let cost: usize = b
                .schema
                .tables
                .iter()
                .filter(|t| b.owned.contains(&t.name))
                .map(super::locks)
                .sum();
            assert!(
                cost <= 40 || b.owned.len() == 1,
                "a batch over budget: {cost}"
            );
        }
        // The last batch has room: the view joins it, with a bare copy of
        // its input (owned by the first batch).
        let last = batches.last().expect("batches");
        assert!(last.views && !last.owned.is_empty());
        assert_eq!(batches.iter().filter(|b| b.views).count(), 1);
        assert_eq!(last.schema.views.len(), 1);
        let input = last.schema.tables.iter().find(|t| t.name == "items_0s");
        let input = input.expect("the view's input is there");
        assert!(input.indexes.is_empty() && input.policies.is_empty());
        assert!(input.constraints.iter().any(|c| c.kind.builds_index()));
        // Full batches: the view gets one of its own.
        let one = schema.tables.iter().map(super::locks).max().unwrap_or(1);
        let batches = super::batches(schema, one, &Default::default(), true, &Default::default());
        let last = batches.last().expect("batches");
        assert!(last.views && last.owned.is_empty());
        assert!(last.schema.tables.iter().any(|t| t.name == "items_0s"));
    }
}
