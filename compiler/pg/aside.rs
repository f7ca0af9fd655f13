//! Leaf partitions the scratch schema does not create.
//!
//! `CREATE TABLE … PARTITION OF` looks for foreign keys that reference the
//! parent with a sequential scan of all of `pg_constraint`, so each partition
//! costs time in proportion to the whole database, and creating every
//! partition of a large tier costs time in proportion to its square (see
//! bench/README.md). Of a leaf partition with no indexes or constraints of
//! its own, and either no policies or those of its table (what a partition
//! takes when it declares none), the catalog stores nothing but its bound that is not
//! known already: its clones' names, RLS flags, comment and storage
//! parameters are taken from the YAML in any case, and its policies read as
//! its table's do, the columns being the same. Such a leaf is left out of
//! the scratch build, and its bound values are cast to the partition key's
//! column types in the same transaction instead: the server
//! stores a bound as the constant it coerces the literal to, and prints it
//! with the type's output function, which is what `format('%s', …)` calls.
//! Exceptions: `boolean` prints `true`/`false`, as its cast to text does;
//! `MINVALUE` and `MAXVALUE` stand for themselves; hash and default bounds
//! hold no values.

use std::collections::HashMap;

use postgres::Transaction;

use super::PgError;
use crate::model::{Ident, KeyExpr, Origin, Partition, PartitionBound, Schema, quote_literal};

/// A leaf partition left out of the scratch build.
#[derive(Clone, Debug)]
pub(super) struct Aside {
    pub table: Ident,
    /// The table or partition it is a partition of.
    parent: Ident,
    /// Its parent's key columns.
    key: Vec<Ident>,
    partition: Partition,
    /// Whether it has its table's policies (otherwise none).
    table_policies: bool,
}

/// Takes the leaves [`Aside`] describes out of `model` (stripped for the
/// scratch build), by table; `yaml` tells which partitions are leaves.
pub(super) fn take(model: &mut Schema, yaml: &Schema) -> HashMap<Ident, Vec<Aside>> {
    let tables = yaml.table_index();
    let mut out: HashMap<Ident, Vec<Aside>> = HashMap::new();
    for t in &mut model.tables {
        let Some(y) = tables.get(t.name.as_str()) else {
            continue;
        };
        let Some(key) = y.partitioning.as_ref().and_then(|p| columns(&p.key)) else {
            continue;
        };
        let yaml_parts = y.all_partitions();
        // A policy naming its own relation would read differently on a partition.
        let names_itself = t.policies.iter().any(|p| {
            p.using
                .iter()
                .chain(p.with_check.iter())
                .flat_map(|e| crate::model::sql::words(e).unwrap_or_default())
                .any(|w| {
                    w.text == t.name.as_str()
                        || yaml_parts.iter().any(|p| p.name == w.text.as_str())
                })
        });
        if names_itself {
            continue;
        }
        let mut taken = Vec::new();
        let policies = t.policies.clone();
        let node = Node {
            table: &t.name,
            policies: &policies,
            yaml: &yaml_parts,
        };
        walk(&node, &t.name, &key, &mut t.partitions, &mut taken);
        if !taken.is_empty() {
            out.insert(t.name.clone(), taken);
        }
    }
    out
}

fn columns(key: &[KeyExpr]) -> Option<Vec<Ident>> {
    key.iter()
        .map(|k| match k {
            KeyExpr::Column(c) => Some(c.clone()),
            KeyExpr::Expr(_) => None,
        })
        .collect()
}

/// What [`walk`] needs of the table being walked.
struct Node<'a> {
    table: &'a Ident,
    policies: &'a [crate::model::Policy],
    yaml: &'a [&'a Partition],
}

fn walk(node: &Node, parent: &Ident, key: &[Ident], ps: &mut Vec<Partition>, out: &mut Vec<Aside>) {
    let mut kept = Vec::with_capacity(ps.len());
    for mut p in std::mem::take(ps) {
        let Some(y) = node.yaml.iter().find(|y| y.name == p.name) else {
            kept.push(p);
            continue;
        };
        if leaf(&p, y, key.len()) && (p.policies.is_empty() || p.policies == node.policies) {
            let table_policies = !p.policies.is_empty();
            p.partitioning = None;
            p.policies.clear();
            out.push(Aside {
                table: node.table.clone(),
                parent: parent.clone(),
                key: key.to_vec(),
                partition: p,
                table_policies,
            });
            continue;
        }
        if let Some(sub) = y.partitioning.as_ref().and_then(|s| columns(&s.key)) {
            let name = p.name.clone();
            walk(node, &name, &sub, &mut p.partitions, out);
        }
        kept.push(p);
    }
    *ps = kept;
}

/// Whether `p` is a leaf with no indexes or constraints of its own whose
/// bound fits the key (otherwise the partition is created and the server
/// reports what is wrong).
fn leaf(p: &Partition, yaml: &Partition, key_len: usize) -> bool {
    let fits = match &p.bound {
        PartitionBound::Range { from, to } => from.len() == key_len && to.len() == key_len,
        PartitionBound::List { values } => key_len == 1 && !values.is_empty(),
        PartitionBound::Hash { .. } | PartitionBound::Default => true,
    };
    fits && yaml.partitioning.is_none()
        && p.partitions.is_empty()
        && p.indexes.is_empty()
        && p.constraints.is_empty()
}

/// Bound values as the server stores them: each literal cast to its key
/// column's type in the scratch schema, where `aside`'s tables exist.
pub(super) fn bounds(
    tx: &mut Transaction,
    scratch: &str,
    aside: &[Aside],
) -> Result<Vec<PartitionBound>, PgError> {
    let mut tables: Vec<&str> = aside.iter().map(|a| a.table.as_str()).collect();
    tables.sort_unstable();
    tables.dedup();
    let types: HashMap<(String, String), String> = tx
        .query(super::catalog::COLUMN_TYPES, &[&scratch, &tables])
        .map_err(PgError::query("partition key types"))?
        .iter()
        .map(|r| ((r.get(0), r.get(1)), r.get(2)))
        .collect();
    let mut casts: Vec<String> = Vec::new();
    let mut cast = |a: &Aside, i: usize, v: &str| -> Result<(), PgError> {
        if v == "MINVALUE" || v == "MAXVALUE" {
            return Ok(());
        }
        let column = &a.key[i];
        let ty = types
            .get(&(a.table.to_string(), column.to_string()))
            .ok_or_else(|| PgError::Query {
                what: "partition key types".into(),
                message: format!(
                    "table {} has no column {} in the scratch schema",
                    a.table, column
                ),
            })?;
        let value = format!("CAST({} AS {ty})", quote_literal(v));
        casts.push(if ty == "boolean" {
            format!("CAST({value} AS text)")
        } else {
            format!("format('%s', {value})")
        });
        Ok(())
    };
    for a in aside {
        match &a.partition.bound {
            PartitionBound::Range { from, to } => {
                for (i, v) in from.iter().enumerate().chain(to.iter().enumerate()) {
                    cast(a, i, v)?;
                }
            }
            PartitionBound::List { values } => {
                for v in values {
                    cast(a, 0, v)?;
                }
            }
            PartitionBound::Hash { .. } | PartitionBound::Default => {}
        }
    }
    let cast: Vec<String> = if casts.is_empty() {
        Vec::new()
    } else {
        tx.query_one(&format!("SELECT ARRAY[{}]::text[]", casts.join(", ")), &[])
            .map_err(|e| PgError::Query {
                what: "casting partition bounds to their key types".into(),
                message: super::describe(&e),
            })?
            .get(0)
    };
    let mut cast = cast.into_iter();
    let mut next = |v: &String| -> String {
        if v == "MINVALUE" || v == "MAXVALUE" {
            v.clone()
        } else {
            cast.next().unwrap_or_default()
        }
    };
    Ok(aside
        .iter()
        .map(|a| match &a.partition.bound {
            PartitionBound::Range { from, to } => PartitionBound::Range {
                from: from.iter().map(&mut next).collect(),
                to: to.iter().map(&mut next).collect(),
            },
            PartitionBound::List { values } => {
                // The server drops a value equal to one before it.
                let mut out: Vec<String> = Vec::with_capacity(values.len());
                for v in values {
                    let v = next(v);
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
                PartitionBound::List { values: out }
            }
            other => other.clone(),
        })
        .collect())
}

/// Puts the leaves back into `read` (the scratch build as read back) with
/// their canonical `bounds` and their table's policies as read, in the order
/// the catalog reads partitions in.
pub(super) fn restore(read: &mut Schema, aside: &[Aside], bounds: Vec<PartitionBound>) {
    let mut touched: Vec<(Ident, Ident)> = Vec::new();
    for (a, bound) in aside.iter().zip(bounds) {
        let Some(t) = read.tables.iter_mut().find(|t| t.name == a.table) else {
            continue;
        };
        let policies = t.policies.clone();
        let Some(ps) = children(&mut t.partitions, &a.table, &a.parent) else {
            continue;
        };
        let mut p = a.partition.clone();
        p.bound = bound;
        if a.table_policies {
            p.policies = policies;
        }
        p.origin = Origin::Catalog;
        ps.push(p);
        let node = (a.table.clone(), a.parent.clone());
        if !touched.contains(&node) {
            touched.push(node);
        }
    }
    for (table, parent) in touched {
        if let Some(t) = read.tables.iter_mut().find(|t| t.name == table)
            && let Some(ps) = children(&mut t.partitions, &table, &parent)
        {
            ps.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        }
    }
}

/// The partitions of `parent`, `table` itself or one of its partitions.
fn children<'a>(
    top: &'a mut Vec<Partition>,
    table: &Ident,
    parent: &Ident,
) -> Option<&'a mut Vec<Partition>> {
    fn find<'a>(ps: &'a mut [Partition], parent: &Ident) -> Option<&'a mut Vec<Partition>> {
        for p in ps.iter_mut() {
            if &p.name == parent {
                return Some(&mut p.partitions);
            }
            if let Some(found) = find(&mut p.partitions, parent) {
                return Some(found);
            }
        }
        None
    }
    if table == parent {
        Some(top)
    } else {
        find(top, parent)
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{PROJECT, loaded};
    use crate::model::{Ident, PartitionBound};

    #[test]
    fn plain_leaves_are_taken_and_those_with_their_own_objects_stay() {
        let tier = r#"
tables:
  events:
    columns:
      id: uuid
      created: timestamptz
    primary_key: [id, created]
    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }
  queue:
    columns:
      id: uuid
      kind: text
    primary_key: [id, kind]
    partition:
      by: list(kind)
      partitions:
        queue_mail: { values: [mail, mail] }
        queue_hooks:
          values: [hook]
          indexes:
            - { columns: [id] }
  audits:
    columns:
      id: uuid
      seen: date
    primary_key: [id, seen]
    rls: forced
    policies:
      recent:
        using: "seen > (select min(a.seen) from audits a)"
    partition: { by: range(seen), interval: month, from: 2025-01, count: 2 }
"#;
        let l = loaded(&[("schemac.yaml", PROJECT), ("app/t.yaml", tier)]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        let schema = l.project.tier("app").expect("app").schema.clone();
        let mut model = schema.clone();
        let aside = super::take(&mut model, &schema);
        let events = model.table("events").expect("events");
        assert!(events.partitions.is_empty(), "{:?}", events.partitions);
        assert_eq!(
            aside[&Ident::new("events")].len(),
            3,
            "two months and the default"
        );
        let queue = model.table("queue").expect("queue");
        let kept: Vec<&str> = queue.partitions.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(kept, ["queue_hooks"], "the partition with an index stays");
        let a = &aside[&Ident::new("queue")];
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].partition.name, "queue_mail");
        assert!(
            !aside.contains_key(&Ident::new("audits")),
            "a policy naming its own table keeps the partitions created"
        );
        assert_eq!(model.table("audits").expect("audits").partitions.len(), 2);
        assert_eq!(
            a[0].partition.bound,
            PartitionBound::List {
                values: vec!["mail".into(), "mail".into()]
            }
        );
    }
}
