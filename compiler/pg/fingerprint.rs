//! The fingerprint of a live schema: a SHA-256 of the model schemac reads
//! from the catalog, in a canonical order, so two reads of an unchanged
//! database agree and any change schemac can see — a column, a default, a
//! policy, an index — gives another. A reviewed plan carries the fingerprint
//! of the database it was computed against; `apply --plan` refuses to run it
//! on a database that no longer has that fingerprint. The objects of the
//! schema the project does not manage (`pg::unmanaged`) count too: one added
//! or removed by hand changes it.

use crate::model::{Partition, Schema, Tier};
use crate::render::Renderer;

/// The fingerprint of `schema` and of the unmanaged objects beside it:
/// `sha256:` and the hex digest.
pub fn of(schema: &Schema, unmanaged: &[String]) -> String {
    let mut s = schema.clone();
    s.extensions.sort_by(|a, b| a.name.cmp(&b.name));
    s.enums.sort_by(|a, b| a.name.cmp(&b.name));
    s.functions.sort_by(|a, b| a.name.cmp(&b.name));
    s.views.sort_by(|a, b| a.name.cmp(&b.name));
    s.tables.sort_by(|a, b| a.name.cmp(&b.name));
    for t in &mut s.tables {
        t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
        t.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        t.policies.sort_by(|a, b| a.name.cmp(&b.name));
        t.triggers.sort_by(|a, b| a.name.cmp(&b.name));
        sort_partitions(&mut t.partitions);
    }
    for v in &mut s.views {
        v.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut bytes = serde_json::to_vec(&s).unwrap_or_default();
    let mut others: Vec<&str> = unmanaged.iter().map(String::as_str).collect();
    others.sort_unstable();
    for o in others {
        bytes.push(b'\n');
        bytes.extend_from_slice(o.as_bytes());
    }
    crate::emit::folder::hash(&bytes)
}

fn sort_partitions(partitions: &mut [Partition]) {
    partitions.sort_by(|a, b| a.name.cmp(&b.name));
    for p in partitions.iter_mut() {
        p.policies.sort_by(|a, b| a.name.cmp(&b.name));
        sort_partitions(&mut p.partitions);
    }
}

/// The live schema of a tier as `plan --db` compares it with `desired`: read
/// from the catalog, with what the tier does not manage set aside, the
/// windows partition upkeep manages reconciled and expressions settled.
pub fn live(
    client: &mut postgres::Client,
    desired: &Schema,
    history_table: &str,
    renderer: &Renderer,
) -> Result<Schema, super::PgError> {
    live_reconciling(client, &mut desired.clone(), history_table, renderer)
}

/// [`live`], also taking into `desired` the windows upkeep made, as
/// `plan --db` does before it compares.
pub fn live_reconciling(
    client: &mut postgres::Client,
    desired: &mut Schema,
    history_table: &str,
    renderer: &Renderer,
) -> Result<Schema, super::PgError> {
    let extra: Vec<crate::model::Ident> = desired.schemas.iter().map(|s| s.name.clone()).collect();
    let mut live = super::introspect::tier(client, desired.name.as_str(), &extra, history_table)?;
    super::set_aside(&mut live, desired);
    crate::diff::reconcile_windows(&mut live, desired, super::today());
    super::settle(client, &mut live, desired, renderer)?;
    Ok(live)
}

/// The unmanaged objects of `schema`, as `plan --db` reports them.
pub fn unmanaged(
    client: &mut impl postgres::GenericClient,
    schema: &str,
) -> Result<Vec<String>, super::PgError> {
    Ok(super::unmanaged::read(client, schema)?
        .into_iter()
        .map(|u| u.0)
        .collect())
}

/// Of `unmanaged`, the objects that none of `models` declares: those a
/// repair must leave in place. A trigger or function the project declares
/// is listed among the unmanaged objects when its function is not one of
/// schemac's, and a plan may drop it on purpose.
pub fn kept(
    client: &mut impl postgres::GenericClient,
    unmanaged: &[String],
    models: &[&Schema],
) -> Result<Vec<String>, super::PgError> {
    let (mut tables, mut triggers, mut functions) = (Vec::new(), Vec::new(), Vec::new());
    let mut schema = String::new();
    for m in models {
        schema = m.name.to_string();
        for t in &m.tables {
            for tr in &t.triggers {
                tables.push(t.name.to_string());
                triggers.push(tr.name.to_string());
            }
        }
        functions.extend(m.functions.iter().map(|f| f.name.to_string()));
    }
    if triggers.is_empty() && functions.is_empty() {
        return Ok(unmanaged.to_vec());
    }
    let rows = client
        .query(
            "SELECT 'trigger ' || quote_ident($1) || '.' || quote_ident(t) || '.' || quote_ident(n) \
             FROM unnest($2::text[], $3::text[]) AS u(t, n) \
             UNION ALL SELECT 'function ' || quote_ident($1) || '.' || quote_ident(f) || '(' \
             FROM unnest($4::text[]) AS f",
            &[&schema, &tables, &triggers, &functions],
        )
        .map_err(super::PgError::query("declared triggers and functions"))?;
    let declared: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    Ok(unmanaged
        .iter()
        .filter(|u| {
            !declared
                .iter()
                .any(|d| *u == d || (d.ends_with('(') && u.starts_with(d.as_str())))
        })
        .cloned()
        .collect())
}

/// The history table `introspect` leaves out for a tier.
pub fn history_of<'p>(project: &'p crate::model::Project, tier: &Tier) -> &'p str {
    project.migrations.history_in(tier.schema.name.as_str())
}
