//! Partition upkeep: for every time-window table, the windows that should
//! exist around today (from the oldest one retention keeps to `premake`
//! windows ahead) and those past retention. Pure: the live schema and today
//! in, changes out — creating missing windows (with RLS and policies, which
//! partitions do not inherit), detaching expired ones, and on request
//! dropping tables detached before. Running it twice changes nothing.

use serde::Serialize;

use crate::diff::{self, Change};
use crate::model::calendar::{self, Date};
use crate::model::layout::{window_child, window_of_name};
use crate::model::{PartitionBound, Schema, Table};

/// What upkeep does to one table.
#[derive(Debug, Default, Serialize)]
pub struct TableUpkeep {
    pub table: String,
    pub created: Vec<String>,
    pub detached: Vec<String>,
    pub dropped: Vec<String>,
    #[serde(skip)]
    pub changes: Vec<Change>,
}

/// The window index a live child covers, if it is exactly window `i` of `t`.
fn window_of(t: &Table, name: &str, bound: &PartitionBound) -> Option<i64> {
    let w = t.partitioning.as_ref()?.window.as_ref()?;
    let from = Date::parse(&w.from)?;
    let PartitionBound::Range { from: f, .. } = bound else {
        return None;
    };
    let start = Date::parse(f.first()?.get(..10)?)?;
    let i = calendar::window_index(from, w.interval, start);
    let expected = window_child(t, i)?;
    (expected.name == name && expected.bound == *bound).then_some(i)
}

/// Upkeep of every windowed table of `desired` against `live`.
pub fn plan(desired: &Schema, live: &Schema, today: Date, drop: bool) -> Vec<TableUpkeep> {
    let mut out = Vec::new();
    for t in &desired.tables {
        let Some(w) = t.partitioning.as_ref().and_then(|p| p.window.as_ref()) else {
            continue;
        };
        let Some(from) = Date::parse(&w.from) else {
            continue;
        };
        let Some(l) = live.table(t.name.as_str()) else {
            continue;
        };
        let current = calendar::window_index(from, w.interval, today);
        let oldest = match w.retention {
            Some(keep) => (current - i64::from(keep) + 1).max(0),
            None => 0,
        };
        let mut u = TableUpkeep {
            table: t.name.to_string(),
            ..Default::default()
        };
        let live_windows: Vec<(i64, &crate::model::Partition)> = l
            .partitions
            .iter()
            .filter_map(|p| window_of(t, p.name.as_str(), &p.bound).map(|i| (i, p)))
            .collect();
        let detached: Vec<(i64, &Table)> = live
            .tables
            .iter()
            .filter_map(|x| window_of_name(t, x.name.as_str()).map(|i| (i, x)))
            .collect();
        for i in oldest..=current + i64::from(w.premake) {
            let Some(child) = window_child(t, i) else {
                continue;
            };
            let present =
                live_windows.iter().any(|(j, _)| *j == i) || detached.iter().any(|(j, _)| *j == i);
            if !present {
                u.created.push(child.name.to_string());
                u.changes.extend(diff::create_partition(&t.name, &child));
            }
        }
        for (i, p) in &live_windows {
            if *i < oldest {
                u.detached.push(p.name.to_string());
                u.changes.push(Change::DetachPartition {
                    parent: t.name.clone(),
                    partition: (*p).clone(),
                });
                if drop {
                    u.dropped.push(p.name.to_string());
                    u.changes.push(Change::DropTable {
                        table: Table::new(p.name.clone()),
                    });
                }
            }
        }
        if drop {
            for (i, x) in &detached {
                if *i < oldest {
                    u.dropped.push(x.name.to_string());
                    u.changes.push(Change::DropTable {
                        table: Table::new(x.name.clone()),
                    });
                }
            }
        }
        if !u.changes.is_empty() {
            out.push(u);
        }
    }
    out
}
