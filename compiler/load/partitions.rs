//! Partitioning: reads `partition:` into a [`Partitioning`] and expands it into
//! explicit children — time windows counted from `from` (never from today, so
//! the same YAML always gives the same migration), list groups, hash
//! remainders, a default, one level of sub-partitioning — each child carrying
//! the parent's RLS flags and policies, which PostgreSQL does not inherit.

use super::syntax::PartitionSyntax;
use crate::check::rules::{partition_spec_invalid, partition_window_invalid, unknown_column};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::calendar::{self, Date};
use crate::model::*;

/// Read a partition spec; `depth` 1 is a sub-partitioning.
pub fn spec(
    p: &PartitionSyntax,
    table: &Table,
    diags: &mut Diagnostics,
    depth: u8,
) -> Option<Partitioning> {
    let span = p.span;
    let by = p.by.as_ref()?;
    let text = by.value.trim();
    let Some((strategy_word, rest)) = text.split_once('(') else {
        diags.push(
            Diagnostic::new(
                &partition_spec_invalid::META,
                format!("cannot read `by: {text}`"),
            )
            .at(Some(by.span))
            .help("write `range(column)`, `list(column)` or `hash(column)`"),
        );
        return None;
    };
    let strategy = match strategy_word.trim().to_ascii_lowercase().as_str() {
        "range" => PartitionStrategy::Range,
        "list" => PartitionStrategy::List,
        "hash" => PartitionStrategy::Hash,
        other => {
            diags.push(
                Diagnostic::new(
                    &partition_spec_invalid::META,
                    format!("unknown partition strategy `{other}`"),
                )
                .at(Some(by.span))
                .help("use range, list or hash"),
            );
            return None;
        }
    };
    let Some(inner) = rest.trim_end().strip_suffix(')') else {
        diags.push(
            Diagnostic::new(
                &partition_spec_invalid::META,
                format!("`by: {text}` lacks a closing `)`"),
            )
            .at(Some(by.span)),
        );
        return None;
    };
    let mut key = Vec::new();
    for part in split_top_level(inner) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if part.chars().all(|c| c.is_alphanumeric() || c == '_') {
            if table.column(part).is_none() {
                diags.push(crate::load::lower::unknown_column_diag(
                    part,
                    by.span,
                    &table.name,
                    table.columns.iter().map(|c| c.name.as_str()),
                ));
                return None;
            }
            key.push(KeyExpr::Column(Ident::new(part)));
        } else {
            key.push(KeyExpr::Expr(part.to_string()));
        }
    }
    if key.is_empty() {
        diags.push(
            Diagnostic::new(
                &partition_spec_invalid::META,
                "a partition key needs at least one column",
            )
            .at(Some(by.span)),
        );
        return None;
    }
    if strategy == PartitionStrategy::List && key.len() > 1 {
        diags.push(
            Diagnostic::new(
                &partition_spec_invalid::META,
                "list partitioning takes exactly one key column",
            )
            .at(Some(by.span)),
        );
        return None;
    }
    let mut out = Partitioning {
        strategy,
        key,
        window: None,
        sub: None,
        groups: Vec::new(),
        modulus: None,
        default: p.default.as_ref().is_some_and(|d| d.value),
    };
    let err = |diags: &mut Diagnostics, span: Option<Span>, msg: String, help: &str| {
        diags.push(
            Diagnostic::new(&partition_spec_invalid::META, msg)
                .at(span)
                .help(help.to_string()),
        );
    };
    match strategy {
        PartitionStrategy::Range => {
            if let Some(interval) = &p.interval {
                out.window = window(
                    p,
                    interval.value.as_str(),
                    interval.span,
                    &out,
                    table,
                    diags,
                );
                out.window.as_ref()?;
            } else if p.values.0.is_empty() {
                err(
                    diags,
                    span,
                    "range partitioning needs `interval` (time windows) or `values` (explicit ranges)".into(),
                    "e.g. `interval: month` with `from: 2025-01`",
                );
                return None;
            }
            for (suffix, vals) in &p.values.0 {
                if vals.0.len() != 2 {
                    err(
                        diags,
                        Some(suffix.span),
                        format!(
                            "range partition `{}` needs exactly [from, to]",
                            suffix.value
                        ),
                        "e.g. `low: [0, 1000]`",
                    );
                    continue;
                }
                out.groups.push(PartitionGroup {
                    suffix: suffix.value.clone(),
                    values: vals.0.iter().map(|v| v.value.0.clone()).collect(),
                });
            }
        }
        PartitionStrategy::List => {
            if p.values.0.is_empty() && !out.default {
                err(
                    diags,
                    span,
                    "list partitioning needs `values`".into(),
                    "e.g. `values: { email: [email-sending] }`",
                );
                return None;
            }
            let mut seen: Vec<(String, Span)> = Vec::new();
            for (suffix, vals) in &p.values.0 {
                let mut values = Vec::new();
                for v in &vals.0 {
                    if let Some((_, first)) = seen.iter().find(|(s, _)| *s == v.value.0) {
                        diags.push(
                            Diagnostic::new(
                                &partition_spec_invalid::META,
                                format!("list value `{}` is in two partitions", v.value.0),
                            )
                            .at(Some(v.span))
                            .label(Some(*first), "also listed here"),
                        );
                        continue;
                    }
                    seen.push((v.value.0.clone(), v.span));
                    values.push(v.value.0.clone());
                }
                if vals.0.is_empty() {
                    err(
                        diags,
                        Some(suffix.span),
                        format!("list partition `{}` has no values", suffix.value),
                        "list at least one value",
                    );
                    continue;
                }
                if !values.is_empty() {
                    out.groups.push(PartitionGroup {
                        suffix: suffix.value.clone(),
                        values,
                    });
                }
            }
        }
        PartitionStrategy::Hash => {
            match &p.modulus {
                Some(m) if m.value >= 1 && m.value <= 1024 => out.modulus = Some(m.value),
                Some(m) => {
                    err(
                        diags,
                        Some(m.span),
                        format!("modulus {} is out of range", m.value),
                        "use 1 to 1024",
                    );
                    return None;
                }
                None => {
                    err(
                        diags,
                        span,
                        "hash partitioning needs `modulus`".into(),
                        "e.g. `modulus: 8`",
                    );
                    return None;
                }
            }
            if out.default {
                err(
                    diags,
                    p.default.as_ref().map(|d| d.span),
                    "a hash-partitioned table cannot have a default partition".into(),
                    "remove `default: true`",
                );
                out.default = false;
            }
        }
    }
    for (field, present) in [
        (
            "interval",
            p.interval.is_some() && strategy != PartitionStrategy::Range,
        ),
        (
            "modulus",
            p.modulus.is_some() && strategy != PartitionStrategy::Hash,
        ),
        (
            "values",
            !p.values.0.is_empty() && strategy == PartitionStrategy::Hash,
        ),
    ] {
        if present {
            err(
                diags,
                span,
                format!(
                    "`{field}` does not apply to {} partitioning",
                    strategy.sql().to_lowercase()
                ),
                "remove it",
            );
        }
    }
    if let Some(then) = &p.then {
        if depth >= 1 {
            err(
                diags,
                then.span,
                "only one level of sub-partitioning is supported".into(),
                "remove the inner `then:`",
            );
        } else {
            out.sub = spec(then, table, diags, depth + 1).map(Box::new);
        }
    }
    Some(out)
}

fn split_top_level(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn window(
    p: &PartitionSyntax,
    interval: &str,
    interval_span: Span,
    part: &Partitioning,
    table: &Table,
    diags: &mut Diagnostics,
) -> Option<TimeWindow> {
    let bad = |diags: &mut Diagnostics, span: Span, msg: String, help: String| {
        diags.push(
            Diagnostic::new(&partition_window_invalid::META, msg)
                .at(Some(span))
                .help(help),
        );
    };
    let interval = match interval {
        "day" => WindowInterval::Day,
        "week" => WindowInterval::Week,
        "month" => WindowInterval::Month,
        _ => WindowInterval::Year,
    };
    let col = match part.key.as_slice() {
        [KeyExpr::Column(c)] => table.column(c.as_str()),
        _ => None,
    };
    match col {
        Some(c) if c.ty.is_timestamp() => {}
        Some(c) => {
            diags.push(
                Diagnostic::new(
                    &crate::check::rules::partition_key_type::META,
                    format!(
                        "time windows need a date or timestamp key; `{}` is `{}`",
                        c.name, c.ty
                    ),
                )
                .at(Some(interval_span))
                .label(c.origin.span(), "key column declared here"),
            );
            return None;
        }
        None => {
            diags.push(
                Diagnostic::new(
                    &unknown_column::META,
                    "time windows need a single key column",
                )
                .at(Some(interval_span)),
            );
            return None;
        }
    }
    let Some(from) = &p.from else {
        bad(
            diags,
            interval_span,
            "time windows need `from`".into(),
            "e.g. `from: 2025-01`".into(),
        );
        return None;
    };
    let Some(start) = Date::parse(&from.value.0) else {
        bad(
            diags,
            from.span,
            format!("`from: {}` is not a date", from.value.0),
            "write `YYYY-MM` or `YYYY-MM-DD` (quote it if YAML reads it as a number)".into(),
        );
        return None;
    };
    let aligned = match interval {
        WindowInterval::Day => true,
        WindowInterval::Week => start.weekday() == 0,
        WindowInterval::Month => start.day == 1,
        WindowInterval::Year => start.day == 1 && start.month == 1,
    };
    if !aligned {
        let hint = match interval {
            WindowInterval::Week => format!(
                "weeks start on Monday; try `{}`",
                start.add_days(-i64::from(start.weekday()))
            ),
            WindowInterval::Month => format!("try `{:04}-{:02}`", start.year, start.month),
            _ => format!("try `{:04}-01-01`", start.year),
        };
        bad(
            diags,
            from.span,
            format!(
                "`from: {}` is not the start of a {}",
                from.value.0,
                interval.word()
            ),
            hint,
        );
        return None;
    }
    let premake = p.premake.as_ref().map(|p| p.value).unwrap_or(3);
    let count = match &p.count {
        Some(c) if c.value == 0 => {
            bad(
                diags,
                c.span,
                "`count` must be at least 1".into(),
                "count is the number of windows the migration creates".into(),
            );
            return None;
        }
        Some(c) if c.value > 1000 => {
            bad(
                diags,
                c.span,
                format!(
                    "`count: {}` would create more than 1000 partitions",
                    c.value
                ),
                "create the first windows now and let `schemac partitions` add the rest".into(),
            );
            return None;
        }
        Some(c) => c.value,
        None => premake + 1,
    };
    let retention = match &p.retention {
        Some(r) => match calendar::retention_windows(&r.value.0, interval) {
            Ok(n) => Some(n),
            Err(msg) => {
                bad(
                    diags,
                    r.span,
                    msg,
                    "e.g. `12 months`, `90 days`, `2 years`".into(),
                );
                return None;
            }
        },
        None => None,
    };
    Some(TimeWindow {
        interval,
        from: start.to_string(),
        count,
        premake,
        retention,
    })
}

/// Replace the declared layout with explicit children.
pub fn expand(table: &mut Table, _diags: &mut Diagnostics) {
    table.partitions = crate::model::layout::children(table, None);
}
