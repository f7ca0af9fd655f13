//! Canonical expressions: PostgreSQL stores `status in ('a','b')` as
//! `(status = ANY (ARRAY['a'::text, 'b'::text]))` and `'{}'` as
//! `'{}'::jsonb`. Rather than imitate its deparser, the desired model is
//! created on the target server itself — inside a transaction, in a scratch
//! schema — read back with the same introspection as the live schema, and
//! rolled back. Both sides of a live diff are then in the server's words.

use postgres::Client;

use super::{PgError, introspect};
use crate::diff;
use crate::model::{ConstraintKind, Ident, Partition, Schema, Table, quote_ident};
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
/// partitions, indexes and policies) and holds bare copies of the tables its
/// foreign keys point to; views come last, with bare copies of what they read.
pub fn desired(
    client: &mut Client,
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
    rename_schema(&mut model, &tier_schema, &scratch);
    let mut canonical = Schema::empty(scratch.clone());
    let budget = std::env::var("SCHEMAC_LOCKS_PER_TRANSACTION")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(LOCK_BUDGET);
    for (i, batch) in batches(&model, budget).into_iter().enumerate() {
        let got = create_and_read(client, &batch.schema, &tier_schema, renderer)?;
        if i == 0 {
            canonical.extensions = got.extensions;
            canonical.enums = got.enums;
            canonical.functions = got.functions;
        }
        canonical.tables.extend(
            got.tables
                .into_iter()
                .filter(|t| batch.owned.contains(&t.name)),
        );
        if batch.views {
            canonical.views = got.views;
        }
    }
    // Batches read tables in batch order; keep the YAML's order.
    let position: std::collections::HashMap<&Ident, usize> = model
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.name, i))
        .collect();
    canonical
        .tables
        .sort_by_key(|t| position.get(&t.name).copied().unwrap_or(usize::MAX));
    rename_schema(&mut canonical, &scratch, &tier_schema);
    carry_over(desired, &mut canonical);
    Ok(canonical)
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
    /// Whether the batch provides the views.
    views: bool,
}

/// Relations created for a table: itself, its TOAST table and index, its
/// indexes and key constraints, and the same for every partition.
fn locks(t: &Table) -> usize {
    fn partitions(ps: &[Partition], per_child: usize) -> usize {
        ps.iter()
            .map(|p| per_child + partitions(&p.partitions, per_child))
            .sum()
    }
    let keys = t
        .constraints
        .iter()
        .filter(|c| c.kind.builds_index())
        .count();
    let own = 3 + t.indexes.len() + keys;
    own + partitions(&t.partitions, own)
}

/// The table as a foreign-key target or a view's input only: columns and
/// keys, nothing that takes more locks or depends on other tables.
fn bare(t: &Table) -> Table {
    let mut b = Table::new(t.name.clone());
    b.columns = t.columns.clone();
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

fn batches(model: &Schema, budget: usize) -> Vec<Batch> {
    let shell = || Schema {
        name: model.name.clone(),
        extensions: model.extensions.clone(),
        enums: model.enums.clone(),
        functions: model.functions.clone(),
        tables: Vec::new(),
        views: Vec::new(),
    };
    let by_name: std::collections::HashMap<&Ident, &Table> =
        model.tables.iter().map(|t| (&t.name, t)).collect();
    let mut out: Vec<Batch> = Vec::new();
    let mut current = Batch {
        schema: shell(),
        owned: Default::default(),
        views: false,
    };
    let mut used = 0;
    for t in &model.tables {
        let cost = locks(t);
        if used > 0 && used + cost > budget {
            out.push(std::mem::replace(
                &mut current,
                Batch {
                    schema: shell(),
                    owned: Default::default(),
                    views: false,
                },
            ));
            used = 0;
        }
        used += cost;
        current.owned.insert(t.name.clone());
        current.schema.tables.push(t.clone());
    }
    out.push(current);
    // Tables referenced from a batch but owned by another: bare copies.
    for b in &mut out {
        let mut targets: Vec<Ident> = Vec::new();
        for t in &b.schema.tables {
            for c in &t.constraints {
                if let ConstraintKind::ForeignKey { references, .. } = &c.kind
                    && references.schema == model.name
                    && !b.owned.contains(&references.name)
                    && !targets.contains(&references.name)
                {
                    targets.push(references.name.clone());
                }
            }
        }
        for name in targets {
            if let Some(t) = by_name.get(&name) {
                b.schema.tables.push(bare(t));
            }
        }
    }
    if !model.views.is_empty() {
        if out.len() == 1 {
            out[0].schema.views = model.views.clone();
            out[0].views = true;
        } else {
            let mut schema = shell();
            schema.views = model.views.clone();
            let mut read: Vec<&Ident> = Vec::new();
            for v in &model.views {
                read.extend(v.depends_on.iter().filter(|d| by_name.contains_key(d)));
            }
            read.sort();
            read.dedup();
            schema.tables = read
                .iter()
                .filter_map(|n| by_name.get(n))
                .map(|t| bare(t))
                .collect();
            out.push(Batch {
                schema,
                owned: Default::default(),
                views: true,
            });
        }
    }
    out
}

/// Create `model` in its (scratch) schema inside a transaction, read it back,
/// roll back.
fn create_and_read(
    client: &mut Client,
    model: &Schema,
    tier_schema: &Ident,
    renderer: &Renderer,
) -> Result<Schema, PgError> {
    let scratch = &model.name;
    let changes = diff::between(&Schema::empty(scratch.clone()), model);
    let steps = plan::build(&Schema::empty(scratch.clone()), changes)
        .map_err(|e| PgError::Query {
            what: "ordering the desired schema".into(),
            message: e.to_string(),
        })?
        .steps;
    let mut sql = format!(
        "SET LOCAL search_path TO {}, {}, public;\nSET LOCAL TimeZone = 'UTC';\n",
        quote_ident(scratch.as_str()),
        quote_ident(tier_schema.as_str())
    );
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
    let read = introspect::read(&mut tx, scratch.as_str(), "")?;
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

/// Copy what only the YAML knows onto the canonical model.
fn carry_over(yaml: &Schema, canonical: &mut Schema) {
    for t in &mut canonical.tables {
        let Some(y) = yaml.table(t.name.as_str()) else {
            continue;
        };
        t.was = y.was.clone();
        t.tenancy = y.tenancy;
        t.soft_references = y.soft_references.clone();
        t.deprecated = y.deprecated.clone();
        if let (Some(p), Some(yp)) = (&mut t.partitioning, &y.partitioning) {
            p.window = yp.window.clone();
            p.groups = yp.groups.clone();
            p.modulus = yp.modulus;
            p.default = yp.default;
            p.sub = yp.sub.clone();
        }
        for c in &mut t.columns {
            if let Some(yc) = y.column(c.name.as_str()) {
                c.was = yc.was.clone();
                c.deprecated = yc.deprecated.clone();
            }
        }
        t.origin = y.origin;
    }
    for v in &mut canonical.views {
        if let Some(y) = yaml.view(v.name.as_str()) {
            v.was = y.was.clone();
            v.refresh_concurrently = y.refresh_concurrently;
            v.depends_on = y.depends_on.clone();
            v.origin = y.origin;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{PROJECT, loaded};

    #[test]
    fn batches_own_every_table_once_and_hold_bare_copies_of_their_fk_targets() {
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
        let batches = super::batches(schema, 40);
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
            let has_items = b.owned.iter().any(|t| t.as_str().starts_with("items_"));
            let accounts = b.schema.tables.iter().find(|t| t.name == "accounts");
            if has_items && !b.owned.iter().any(|t| t == "accounts") {
                let bare = accounts.expect("the FK target is in the batch");
                assert!(bare.indexes.is_empty() && bare.policies.is_empty());
            }
        }
        let last = batches.last().expect("batches");
        assert!(last.views && last.owned.is_empty());
        assert_eq!(last.schema.views.len(), 1);
        assert!(
            last.schema.tables.iter().any(|t| t.name == "items_0s"),
            "the view's input is there"
        );
    }
}
