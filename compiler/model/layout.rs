//! The children a partitioning declares — time windows, list groups, hash
//! remainders, a default, sub-partitions — each carrying its table's RLS
//! flags and policies (PostgreSQL does not apply a parent's policies to a
//! partition queried directly). The loader lays out the declared windows;
//! partition upkeep lays out the windows around today with the same names.

use std::ops::Range;

use super::calendar::{self, Date};
use super::*;

/// The children of `table`. `windows` picks which time windows (by index
/// from `from`); `None` means the declared ones, `[0, count)`.
pub fn children(table: &Table, windows: Option<Range<i64>>) -> Vec<Partition> {
    let Some(part) = &table.partitioning else {
        return Vec::new();
    };
    let key_type = |p: &Partitioning| {
        p.key_columns()
            .next()
            .and_then(|c| table.column(c.as_str()))
            .map(|c| c.ty.clone())
    };
    let origin = table.origin.implied();
    let mut out = of(
        table.name.as_str(),
        part,
        key_type(part).as_ref(),
        windows,
        origin,
    );
    if let Some(sub) = &part.sub {
        let sub_key = key_type(sub);
        for child in out
            .iter_mut()
            .filter(|c| c.bound != PartitionBound::Default)
        {
            child.partitioning = Some((**sub).clone());
            child.partitions = of(child.name.as_str(), sub, sub_key.as_ref(), None, origin);
        }
    }
    fn inherit(ps: &mut [Partition], rls: Rls, policies: &[Policy]) {
        for p in ps {
            p.rls = rls;
            p.policies = policies.to_vec();
            inherit(&mut p.partitions, rls, policies);
        }
    }
    inherit(&mut out, table.rls, &table.policies);
    out
}

/// The children `spec` declares for the partition `name` of `table` (an
/// explicitly declared child with a layout of its own).
pub fn children_of(table: &Table, name: &str, spec: &Partitioning) -> Vec<Partition> {
    let key_type = |p: &Partitioning| {
        p.key_columns()
            .next()
            .and_then(|c| table.column(c.as_str()))
            .map(|c| c.ty.clone())
    };
    let origin = table.origin.implied();
    let mut out = of(name, spec, key_type(spec).as_ref(), None, origin);
    if let Some(sub) = &spec.sub {
        for child in out
            .iter_mut()
            .filter(|c| c.bound != PartitionBound::Default)
        {
            child.partitioning = Some((**sub).clone());
            child.partitions = of(
                child.name.as_str(),
                sub,
                key_type(sub).as_ref(),
                None,
                origin,
            );
        }
    }
    out
}

/// The time-window child `index` of `table` (with its sub-partitions).
pub fn window_child(table: &Table, index: i64) -> Option<Partition> {
    table.partitioning.as_ref()?.window.as_ref()?;
    children(table, Some(index..index + 1))
        .into_iter()
        .find(|p| matches!(p.bound, PartitionBound::Range { .. }))
}

/// The window a table or partition named `name` was made for, if `name` is
/// exactly what the window child of `table` with that index is called.
pub fn window_of_name(table: &Table, name: &str) -> Option<i64> {
    let w = table.partitioning.as_ref()?.window.as_ref()?;
    let from = Date::parse(&w.from)?;
    let suffix = name.strip_prefix(table.name.as_str())?.strip_prefix('_')?;
    let text = suffix.replace('_', "-");
    let start = Date::parse(&text).or_else(|| Date::parse(&format!("{text}-01")))?;
    let i = calendar::window_index(from, w.interval, start);
    (window_child(table, i)?.name == name).then_some(i)
}

/// The start date of window `index`.
pub fn window_start(w: &TimeWindow, index: i64) -> Option<Date> {
    Date::parse(&w.from).map(|from| calendar::step(from, w.interval, index))
}

fn of(
    parent: &str,
    part: &Partitioning,
    key_type: Option<&ColumnType>,
    windows: Option<Range<i64>>,
    origin: Origin,
) -> Vec<Partition> {
    let child = |suffix: &str, bound: PartitionBound| Partition {
        name: fit_name(&format!("{parent}_{suffix}")),
        bound,
        partitioning: None,
        partitions: Vec::new(),
        rls: Rls::default(),
        policies: Vec::new(),
        origin,
        comment: None,
        constraints: Vec::new(),
        indexes: Vec::new(),
        options: Default::default(),
    };
    let mut out = Vec::new();
    if let (Some(w), Some(ty)) = (&part.window, key_type)
        && let Some(from) = Date::parse(&w.from)
    {
        let is_date = ty.base == "date";
        let range = windows.clone().unwrap_or(0..i64::from(w.count));
        for (suffix, start, end) in calendar::windows(w, from, range.start, range.end - range.start)
        {
            out.push(child(
                &suffix,
                PartitionBound::Range {
                    from: vec![calendar::bound_text(start, ty.with_time_zone(), is_date)],
                    to: vec![calendar::bound_text(end, ty.with_time_zone(), is_date)],
                },
            ));
        }
    }
    if windows.is_some() {
        return out;
    }
    for g in &part.groups {
        let bound = match part.strategy {
            PartitionStrategy::Range => PartitionBound::Range {
                from: vec![g.values[0].clone()],
                to: vec![g.values[1].clone()],
            },
            _ => PartitionBound::List {
                values: g.values.clone(),
            },
        };
        out.push(child(&g.suffix, bound));
    }
    if let Some(m) = part.modulus {
        for r in 0..m {
            out.push(child(
                &format!("p{r}"),
                PartitionBound::Hash {
                    modulus: m,
                    remainder: r,
                },
            ));
        }
    }
    if part.default {
        out.push(child("default", PartitionBound::Default));
    }
    out
}
