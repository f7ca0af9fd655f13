//! Table statistics for the cost of a plan: size on disk (heap with TOAST,
//! and indexes) and row estimate of the named tables of a schema, each
//! partitioned table summed over its leaf partitions. The row estimate is
//! `reltuples`; a table never vacuumed or analyzed has none there, so the
//! planner's own estimate (from the table's current size) stands in.

use std::collections::HashMap;

use postgres::Client;

use super::PgError;
use crate::model::quote_ident;
use crate::plan::cost::TableStats;

// pg_partition_tree lists nothing for a table that is not partitioned.
const SIZES: &str = r#"
SELECT c.relname::text,
       sum(pg_table_size(l.oid))::int8,
       sum(pg_indexes_size(l.oid))::int8,
       sum(greatest(l.reltuples, 0))::float8,
       bool_or(l.reltuples < 0),
       sum(pg_relation_size(l.oid))::int8
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN LATERAL (SELECT c.oid AS relid WHERE c.relkind <> 'p'
                UNION ALL
                SELECT t.relid FROM pg_partition_tree(c.oid) t WHERE t.isleaf AND c.relkind = 'p') leaf ON true
  JOIN pg_class l ON l.oid = leaf.relid
 WHERE n.nspname = $1 AND c.relname = ANY($2) AND c.relkind IN ('r', 'p', 'm')
 GROUP BY c.relname"#;

/// Statistics of `tables` in `schema` (tables that do not exist are left out).
pub fn read(
    client: &mut Client,
    schema: &str,
    tables: &[String],
) -> Result<HashMap<String, TableStats>, PgError> {
    let mut out = HashMap::new();
    if tables.is_empty() {
        return Ok(out);
    }
    let rows = client
        .query(SIZES, &[&schema, &tables])
        .map_err(PgError::query("table sizes"))?;
    for r in rows {
        let name: String = r.get(0);
        let never_analyzed: bool = r.get::<_, Option<bool>>(4).unwrap_or(false);
        let reltuples: f64 = r.get::<_, Option<f64>>(3).unwrap_or(0.0);
        let heap: i64 = r.get::<_, Option<i64>>(5).unwrap_or(0);
        // The planner assumes ten pages of a table it never measured; an
        // empty heap holds no rows.
        let rows = if never_analyzed && heap == 0 {
            Some(0)
        } else if never_analyzed {
            planner_rows(client, schema, &name)
        } else {
            Some(reltuples.round() as i64)
        };
        out.insert(
            name,
            TableStats {
                bytes: r.get::<_, Option<i64>>(1).unwrap_or(0),
                index_bytes: r.get::<_, Option<i64>>(2).unwrap_or(0),
                rows,
            },
        );
    }
    Ok(out)
}

/// The planner's row estimate of a whole table.
fn planner_rows(client: &mut Client, schema: &str, table: &str) -> Option<i64> {
    let sql = format!(
        "EXPLAIN (FORMAT JSON) SELECT 1 FROM {}.{}",
        quote_ident(schema),
        quote_ident(table)
    );
    // The plan is json; the simple protocol hands it over as text.
    let text = client
        .simple_query(&sql)
        .ok()?
        .into_iter()
        .find_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
            _ => None,
        })?;
    let plan: serde_json::Value = serde_json::from_str(&text).ok()?;
    plan.get(0)?
        .get("Plan")?
        .get("Plan Rows")?
        .as_f64()
        .map(|r| r.round() as i64)
}
