//! What a table rebuild renders besides its own template: the changes it is
//! made of, and the names its templates list (copied identity columns,
//! partitions moved into place, partitions whose grants carry over).

use minijinja::Value;

use crate::diff::{Change, rebuild};
use crate::model::{Ident, Table};

/// The changes rendered after a step's own template, each with the schema
/// it targets (`Some(scratch)`, or `None` for the tier's own).
pub fn parts(change: &Change, home: &str) -> Vec<(Change, Option<Ident>)> {
    let home = Ident::new(home);
    match change {
        Change::BuildTable { table, scratch } => rebuild::build(table, &home, scratch)
            .into_iter()
            .map(|c| (c, Some(scratch.clone())))
            .collect(),
        Change::CopyRows { to, scratch, .. } => rebuild::foreign_keys(to, &home, scratch)
            .into_iter()
            .map(|c| (c, Some(scratch.clone())))
            .collect(),
        Change::SwapTable { table, .. } => rebuild::row_security(table)
            .into_iter()
            .map(|c| (c, None))
            .collect(),
        _ => Vec::new(),
    }
}

fn partition_names(t: &Table) -> Vec<String> {
    t.all_partitions()
        .iter()
        .map(|p| p.name.to_string())
        .collect()
}

/// Extra template values of the rebuild steps.
pub fn context(change: &Change) -> Value {
    match change {
        Change::CopyRows { to, columns, .. } => {
            let identities: Vec<(String, String)> = columns
                .iter()
                .filter(|(n, _)| to.column(n.as_str()).is_some_and(|c| c.identity.is_some()))
                .map(|(n, o)| (n.to_string(), o.to_string()))
                .collect();
            minijinja::context! { identities => identities }
        }
        Change::SwapTable { old, table, .. } => {
            let before = partition_names(old);
            let partitions = partition_names(table);
            let kept: Vec<String> = partitions
                .iter()
                .filter(|p| before.contains(p))
                .cloned()
                .collect();
            minijinja::context! { partitions => partitions, kept => kept }
        }
        _ => minijinja::context! {},
    }
}
