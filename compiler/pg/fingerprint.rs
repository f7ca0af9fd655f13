//! The fingerprint of a live schema: a SHA-256 of the model schemac reads
//! from the catalog, in a canonical order, so two reads of an unchanged
//! database agree and any change schemac can see — a column, a default, a
//! policy, an index — gives another. A reviewed plan carries the fingerprint
//! of the database it was computed against; `apply --plan` refuses to run it
//! on a database that no longer has that fingerprint.

use crate::model::{Partition, Schema, Tier};

/// The fingerprint of `schema`: `sha256:` and the hex digest.
pub fn of(schema: &Schema) -> String {
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
    let bytes = serde_json::to_vec(&s).unwrap_or_default();
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
/// from the catalog, with the extensions the tier does not declare and the
/// windows partition upkeep manages set aside.
pub fn live(
    client: &mut postgres::Client,
    desired: &Schema,
    history_table: &str,
) -> Result<Schema, super::PgError> {
    live_reconciling(client, &mut desired.clone(), history_table)
}

/// [`live`], also taking into `desired` the windows upkeep made, as
/// `plan --db` does before it compares.
pub fn live_reconciling(
    client: &mut postgres::Client,
    desired: &mut Schema,
    history_table: &str,
) -> Result<Schema, super::PgError> {
    let mut live = super::introspect::schema(client, desired.name.as_str(), history_table)?;
    live.extensions
        .retain(|e| desired.extensions.iter().any(|d| d.name == e.name));
    crate::diff::reconcile_windows(&mut live, desired, super::today());
    Ok(live)
}

/// The history table `introspect` leaves out for a tier.
pub fn history_of<'p>(project: &'p crate::model::Project, tier: &Tier) -> &'p str {
    project.migrations.history_in(tier.schema.name.as_str())
}
