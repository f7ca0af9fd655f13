//! Citus metadata: on a coordinator, how the cluster holds each table of a
//! schema (`pg_dist_partition`) and whether sessions propagate `SET LOCAL`.
//! Fills the same [`Distribution`] the YAML declares, so a live diff shows
//! a table missing from the cluster, held the other way, distributed on
//! another column or outside the tier's colocation group.

use std::collections::HashMap;

use postgres::GenericClient;

use super::{PgError, catalog};
use crate::model::*;

/// Extensions a Citus cluster brings with it rather than the schema.
const CLUSTER_EXTENSIONS: &[&str] = &["citus", "citus_columnar"];

/// Read the Citus state of schema `name` into `schema` (nothing on a server
/// without Citus).
pub fn read(
    client: &mut impl GenericClient,
    name: &str,
    schema: &mut Schema,
) -> Result<(), PgError> {
    let row = client
        .query_one(catalog::CITUS, &[])
        .map_err(PgError::query("citus"))?;
    let (installed, propagates): (bool, bool) = (row.get(0), row.get(1));
    if !installed {
        return Ok(());
    }
    schema.citus = propagates;
    schema
        .extensions
        .retain(|e| !CLUSTER_EXTENSIONS.contains(&e.name.as_str()));
    let rows = client
        .query(catalog::DISTRIBUTION, &[&name])
        .map_err(PgError::query("citus distribution"))?;
    // The tier's group: the one holding most hash-distributed tables.
    let mut groups: HashMap<i32, usize> = HashMap::new();
    for r in rows.iter().filter(|r| r.get::<_, String>(1) == "h") {
        *groups.entry(r.get(4)).or_default() += 1;
    }
    let group = groups
        .iter()
        .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
        .map(|(id, _)| *id);
    let held: HashMap<String, Distribution> = rows
        .iter()
        .map(|r| {
            let method: String = r.get(1);
            let model: String = r.get(2);
            let d = match (method.as_str(), r.get::<_, Option<String>>(3)) {
                ("h", Some(column)) => Distribution::Distributed {
                    column: Ident::new(column),
                    colocated: Some(r.get::<_, i32>(4)) == group,
                    shard_count: ShardCount(u32::try_from(r.get::<_, i32>(5)).ok()),
                },
                // Replicated to every node: a reference table. Anything else
                // without a distribution key (a Citus-managed local table,
                // a single-shard table) lives on one node.
                _ if model == "t" => Distribution::Reference,
                _ => Distribution::Local,
            };
            (r.get::<_, String>(0), d)
        })
        .collect();
    for t in &mut schema.tables {
        t.distribution = Some(
            held.get(t.name.as_str())
                .cloned()
                .unwrap_or(Distribution::Local),
        );
    }
    Ok(())
}
