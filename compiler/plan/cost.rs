//! The cost of a plan on a live database: for every statement that rewrites,
//! scans or builds on a table that holds data, the table's size and row
//! estimate from the catalog, the lock the statement holds, and an estimated
//! duration. The model is linear in the bytes (and, for foreign keys, the
//! rows) the statement must read or write:
//!
//! ```text
//! rewrite      (table + its indexes) / rewrite rate       type change, volatile default, enum rebuild
//! index build  table / build rate (× 2 when concurrent)   new index, unique or primary key
//! scan         table / scan rate                          VALIDATE, a check on a partitioned table, SET NOT NULL
//!                                                         without a proof, a partition next to a default one
//! foreign key  table / scan rate + rows × lookup          VALIDATE of a foreign key
//! ```
//!
//! plus a fixed cost per statement. The default rates are conservative
//! figures for a server reading from disk; `--prove` measures them on the
//! target's server and the estimates say which were used.

use serde::{Deserialize, Serialize};

use crate::diff::Change;
use crate::model::{ConstraintKind, Ident, Partition, PartitionBound, Schema};

use super::Step;

/// What a statement does to a table's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    /// Every row is written again, and every index rebuilt.
    Rewrite,
    /// An index is built from every row.
    IndexBuild,
    /// Every row is read (a constraint is checked).
    Scan,
    /// Every row is read and looked up in the referenced table.
    ForeignKeyScan,
}

impl Work {
    pub fn verb(self) -> &'static str {
        match self {
            Work::Rewrite => "rewrites",
            Work::IndexBuild => "builds an index on",
            Work::Scan | Work::ForeignKeyScan => "scans",
        }
    }
}

/// What the catalog says about one table (partitions summed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TableStats {
    /// Heap and TOAST bytes.
    pub bytes: i64,
    pub index_bytes: i64,
    /// Row estimate (`reltuples`, or the planner's estimate when the table
    /// was never analyzed); None when neither is known.
    pub rows: Option<i64>,
}

/// Throughputs of the server, for the estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    /// MB per second read by a sequential scan.
    pub scan_mb_s: f64,
    /// MB (table and indexes) per second written by a rewrite.
    pub rewrite_mb_s: f64,
    /// MB of table per second turned into an index.
    pub build_mb_s: f64,
    /// Microseconds per row to look up a foreign key.
    pub lookup_us: f64,
    /// Milliseconds every statement costs.
    pub fixed_ms: f64,
    /// Where the figures come from: `default` or `measured`.
    pub source: String,
}

impl Default for Rates {
    fn default() -> Self {
        Rates {
            scan_mb_s: 200.0,
            rewrite_mb_s: 40.0,
            build_mb_s: 50.0,
            lookup_us: 5.0,
            fixed_ms: 5.0,
            source: "default".into(),
        }
    }
}

/// The cost of one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub work: Work,
    /// The table (or tables, for an enum rebuild) whose rows it touches.
    pub tables: Vec<String>,
    pub bytes: i64,
    pub index_bytes: i64,
    pub rows: Option<i64>,
    /// The lock it holds while it works.
    pub lock: Option<String>,
    pub estimate_ms: u64,
    /// The rates used: `default` or `measured`.
    pub rates: String,
    /// A concurrent index build (which reads the table twice).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub concurrent: bool,
}

impl Cost {
    /// The estimate again, with other rates (measured by `--prove`).
    pub fn recalibrate(&mut self, rates: &Rates) {
        let stats = TableStats {
            bytes: self.bytes,
            index_bytes: self.index_bytes,
            rows: self.rows,
        };
        self.estimate_ms = estimate(self.work, &stats, self.concurrent, rates);
        self.rates = rates.source.clone();
    }

    /// One line for the plan: what it does, to how much, under which lock, how long.
    pub fn line(&self) -> String {
        let rows = match self.rows {
            Some(r) => format!("~{} rows", thousands(r)),
            None => "rows unknown".into(),
        };
        let lock = self
            .lock
            .as_deref()
            .map(|l| format!(", {l}"))
            .unwrap_or_default();
        format!(
            "{} {} ({} + {} of indexes, {rows}){lock}: about {} ({} rates)",
            self.work.verb(),
            self.tables.join(", "),
            human_bytes(self.bytes),
            human_bytes(self.index_bytes),
            human_ms(self.estimate_ms),
            self.rates
        )
    }
}

fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The work a step does on existing tables, and on which: None for
/// statements that only change the catalog.
pub fn work_of(old: &Schema, step: &Step, plan: &Context) -> Option<(Work, Vec<Ident>)> {
    let exists = |t: &Ident| super::strategy::existing(old, t);
    let partitioned = |t: &Ident| {
        old.table(t.as_str())
            .is_some_and(|t| t.partitioning.is_some())
    };
    let rewrite = step
        .hazards
        .iter()
        .any(|h| matches!(h.code, "H103" | "H104"));
    Some(match &step.change {
        Change::AlterColumnType { table, .. } | Change::AddColumn { table, .. }
            if rewrite && exists(table) =>
        {
            (Work::Rewrite, vec![table.clone()])
        }
        Change::RebuildEnum { rebuild } => {
            let mut tables: Vec<Ident> = Vec::new();
            for c in &rebuild.columns {
                if exists(&c.table) && !tables.contains(&c.table) {
                    tables.push(c.table.clone());
                }
            }
            if tables.is_empty() {
                return None;
            }
            (Work::Rewrite, tables)
        }
        Change::CreateIndex { table, only, .. } if !only && exists(table) => {
            (Work::IndexBuild, vec![table.clone()])
        }
        Change::ValidateConstraint { table, name, .. } if exists(table) => {
            let fk = plan.new_fks.contains(&name)
                || old
                    .table(table.as_str())
                    .and_then(|t| t.constraints.iter().find(|c| c.name == *name))
                    .is_some_and(|c| matches!(c.kind, ConstraintKind::ForeignKey { .. }));
            if fk {
                (Work::ForeignKeyScan, vec![table.clone()])
            } else {
                (Work::Scan, vec![table.clone()])
            }
        }
        Change::AddConstraint {
            table,
            constraint,
            not_valid: false,
        } if exists(table) => match constraint.kind {
            ConstraintKind::ForeignKey { .. } => (Work::ForeignKeyScan, vec![table.clone()]),
            ConstraintKind::Check { .. } => (Work::Scan, vec![table.clone()]),
            ConstraintKind::PrimaryKey { .. }
            | ConstraintKind::Unique { .. }
            | ConstraintKind::Exclude { .. } => (Work::IndexBuild, vec![table.clone()]),
        },
        Change::SetNotNull { table, .. } if exists(table) && partitioned(table) => {
            (Work::Scan, vec![table.clone()])
        }
        Change::AttachPartition { partition, .. } if exists(&partition.name) => {
            (Work::Scan, vec![partition.name.clone()])
        }
        // A new partition next to a default one: the default partition is
        // scanned for rows that belong in the new one.
        Change::CreatePartition { parent, .. } if exists(parent) => {
            (Work::Scan, vec![default_partition(old, parent)?])
        }
        // The rows that belong in the new partition move out of the default
        // one (scanned for them, and again when it is attached back); a
        // partition merged into the default gives it all its rows.
        Change::SplitPartition { default, .. } if exists(default) => {
            (Work::Scan, vec![default.clone()])
        }
        Change::MergePartition { partition, .. } if exists(&partition.name) => {
            (Work::Rewrite, vec![partition.name.clone()])
        }
        // A rebuild with another partitioning copies every row.
        Change::CopyRows { from, .. } if exists(&from.name) => {
            (Work::Rewrite, vec![from.name.clone()])
        }
        _ => return None,
    })
}

/// The default partition of `parent` (a table or a partition), if it has one.
fn default_partition(old: &Schema, parent: &Ident) -> Option<Ident> {
    fn find<'a>(partitions: &'a [Partition], name: &Ident) -> Option<&'a Partition> {
        partitions.iter().find_map(|p| {
            if p.name == *name {
                Some(p)
            } else {
                find(&p.partitions, name)
            }
        })
    }
    let children = match old.table(parent.as_str()) {
        Some(t) => &t.partitions,
        None => {
            &old.tables
                .iter()
                .find_map(|t| find(&t.partitions, parent))?
                .partitions
        }
    };
    children
        .iter()
        .find(|p| p.bound == PartitionBound::Default)
        .map(|p| p.name.clone())
}

/// What the cost of one step needs to know of the whole plan.
pub struct Context<'a> {
    /// The foreign keys it adds (their VALIDATE looks every row up).
    new_fks: Vec<&'a Ident>,
}

impl<'a> Context<'a> {
    pub fn of(steps: &'a [Step]) -> Self {
        Context {
            new_fks: steps
                .iter()
                .filter_map(|s| match &s.change {
                    Change::AddConstraint { constraint, .. }
                        if matches!(constraint.kind, ConstraintKind::ForeignKey { .. }) =>
                    {
                        Some(&constraint.name)
                    }
                    _ => None,
                })
                .collect(),
        }
    }
}

/// The tables whose statistics a plan's costs need.
pub fn tables_of(old: &Schema, steps: &[Step]) -> Vec<Ident> {
    let plan = Context::of(steps);
    let mut out: Vec<Ident> = Vec::new();
    for s in steps {
        if let Some((_, tables)) = work_of(old, s, &plan) {
            for t in tables {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
    }
    out
}

/// The cost of every step (None where it does no such work), from the
/// tables' statistics and the server's rates.
pub fn of(
    old: &Schema,
    steps: &[Step],
    stats: &dyn Fn(&str) -> Option<TableStats>,
    rates: &Rates,
) -> Vec<Option<Cost>> {
    let plan = Context::of(steps);
    steps
        .iter()
        .map(|s| {
            let (work, tables) = work_of(old, s, &plan)?;
            let mut sum = TableStats {
                rows: Some(0),
                ..TableStats::default()
            };
            for t in &tables {
                let st = stats(t.as_str()).unwrap_or_default();
                sum.bytes += st.bytes;
                sum.index_bytes += st.index_bytes;
                sum.rows = match (sum.rows, st.rows) {
                    (Some(a), Some(b)) => Some(a + b),
                    _ => None,
                };
            }
            let concurrent = matches!(
                s.change,
                Change::CreateIndex {
                    concurrently: true,
                    ..
                }
            );
            Some(Cost {
                work,
                tables: tables.iter().map(|t| t.to_string()).collect(),
                bytes: sum.bytes,
                index_bytes: sum.index_bytes,
                rows: sum.rows,
                lock: s.lock.map(str::to_string),
                estimate_ms: estimate(work, &sum, concurrent, rates),
                rates: rates.source.clone(),
                concurrent,
            })
        })
        .collect()
}

/// Milliseconds the model gives `work` on a table of `stats`.
pub fn estimate(work: Work, stats: &TableStats, concurrent: bool, rates: &Rates) -> u64 {
    let mb = |bytes: i64| bytes.max(0) as f64 / 1_048_576.0;
    let per = |mb: f64, rate: f64| if rate > 0.0 { mb / rate * 1000.0 } else { 0.0 };
    let rows = stats.rows.unwrap_or(0).max(0) as f64;
    let ms = match work {
        Work::Rewrite => per(mb(stats.bytes + stats.index_bytes), rates.rewrite_mb_s),
        Work::IndexBuild => {
            per(mb(stats.bytes), rates.build_mb_s) * if concurrent { 2.0 } else { 1.0 }
        }
        Work::Scan => per(mb(stats.bytes), rates.scan_mb_s),
        Work::ForeignKeyScan => {
            per(mb(stats.bytes), rates.scan_mb_s) + rows * rates.lookup_us / 1000.0
        }
    };
    (ms + rates.fixed_ms).round() as u64
}

/// A duration for people: `0.2 s`, `45 s`, `12 min`, `2.5 h`.
pub fn human_ms(ms: u64) -> String {
    let s = ms as f64 / 1000.0;
    if s < 10.0 {
        format!("{s:.1} s")
    } else if s < 120.0 {
        format!("{s:.0} s")
    } else if s < 7200.0 {
        format!("{:.0} min", s / 60.0)
    } else {
        format!("{:.1} h", s / 3600.0)
    }
}

/// A size for people: `812 kB`, `14 MB`, `3.2 GB`.
pub fn human_bytes(bytes: i64) -> String {
    let b = bytes.max(0) as f64;
    if b < 1024.0 * 1024.0 {
        format!("{:.0} kB", b / 1024.0)
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.0} MB", b / 1_048_576.0)
    } else {
        format!("{:.1} GB", b / 1_073_741_824.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(mb: i64, rows: i64) -> TableStats {
        TableStats {
            bytes: mb * 1_048_576,
            index_bytes: mb * 1_048_576 / 2,
            rows: Some(rows),
        }
    }

    #[test]
    fn the_model_is_linear_in_what_the_statement_reads_and_writes() {
        let r = Rates::default();
        // 100 MB table + 50 MB of indexes rewritten at 40 MB/s: 3.75 s.
        assert_eq!(
            estimate(Work::Rewrite, &stats(100, 1_000_000), false, &r),
            3755
        );
        // 100 MB scanned at 200 MB/s: 0.5 s.
        assert_eq!(estimate(Work::Scan, &stats(100, 1_000_000), false, &r), 505);
        // … and a million lookups of 5 µs: 5 s more.
        assert_eq!(
            estimate(Work::ForeignKeyScan, &stats(100, 1_000_000), false, &r),
            5505
        );
        // A concurrent build reads the table twice.
        assert_eq!(
            estimate(Work::IndexBuild, &stats(100, 1_000_000), true, &r),
            2 * estimate(Work::IndexBuild, &stats(100, 1_000_000), false, &r) - 5
        );
    }

    fn schema(tier: &str) -> Schema {
        let l = crate::check::testing::loaded(&[
            ("schemac.yaml", crate::check::testing::PROJECT),
            ("app/t.yaml", tier),
        ]);
        assert!(!l.diags.has_errors(), "{:?}", l.diags);
        l.project.tier("app").expect("app").schema.clone()
    }

    fn works(old: &str, new: &str) -> Vec<(Work, Vec<String>)> {
        let (old, new) = (schema(old), schema(new));
        let plan = crate::plan::build(&old, &new, crate::diff::between(&old, &new)).expect("plan");
        let context = Context::of(&plan.steps);
        plan.steps
            .iter()
            .filter_map(|s| work_of(&old, s, &context))
            .map(|(w, t)| (w, t.iter().map(|t| t.to_string()).collect()))
            .collect()
    }

    const EVENTS: &str = "tables:\n  events:\n    columns:\n      id: bigint\n      n: integer\n      region: text\n      created: date\n    primary_key: [id, created, region]\n";

    #[test]
    fn which_statements_do_work_on_existing_tables() {
        // A window added next to a default partition scans the default.
        let windows = |count: u32| {
            format!(
                "{EVENTS}    partition: {{ by: range(created), interval: month, from: 2025-01, count: {count}, default: true }}\n"
            )
        };
        assert_eq!(
            works(&windows(2), &windows(3)),
            vec![(Work::Scan, vec!["events_default".to_string()])]
        );
        let plain = EVENTS.replace(
            "    primary_key: [id, created, region]\n",
            "    primary_key: [id]\n",
        );
        let retyped = plain.replace("n: integer", "n: bigint");
        assert_eq!(
            works(&plain, &retyped),
            vec![(Work::Rewrite, vec!["events".to_string()])]
        );
        let indexed = format!("{plain}    indexes:\n      - [region]\n");
        assert_eq!(
            works(&plain, &indexed),
            vec![(Work::IndexBuild, vec!["events".to_string()])]
        );
        // A new table is empty: nothing to cost.
        let other = format!(
            "{plain}  other:\n    columns:\n      id: {{ type: bigint, primary_key: true }}\n    indexes:\n      - [id]\n"
        );
        assert!(works(&plain, &other).is_empty());
    }

    #[test]
    fn durations_and_sizes_read_naturally() {
        assert_eq!(human_ms(240), "0.2 s");
        assert_eq!(human_ms(45_000), "45 s");
        assert_eq!(human_ms(720_000), "12 min");
        assert_eq!(human_bytes(14 * 1_048_576), "14 MB");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }
}
