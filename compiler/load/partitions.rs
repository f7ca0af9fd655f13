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
            } else if p.values.0.is_empty() && p.partitions.is_none() && !out.default {
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
            if p.values.0.is_empty() && !out.default && p.partitions.is_none() {
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
                None if p.partitions.is_some() => {}
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

/// Replace the declared layout with its children: those the layout implies,
/// then those declared by name (which the lowering left in
/// `table.partitions`).
pub fn expand(table: &mut Table) {
    /// An explicit child: its own layout's children first, then its
    /// explicit ones, expanded the same way.
    fn fill(c: &mut Partition, table: &Table) {
        for k in &mut c.partitions {
            fill(k, table);
        }
        if let Some(spec) = &c.partitioning {
            let mut kids = crate::model::layout::children_of(table, c.name.as_str(), spec);
            kids.append(&mut c.partitions);
            c.partitions = kids;
        }
    }
    let mut explicit = std::mem::take(&mut table.partitions);
    let mut out = crate::model::layout::children(table, None);
    for c in &mut explicit {
        fill(c, table);
    }
    out.append(&mut explicit);
    table.partitions = out;
}

/// Give every child its table's RLS flags and policies (PostgreSQL does not
/// apply a parent's to a partition queried directly), except those named in
/// `own_rls`, which declared their own.
pub fn inherit_rls(table: &mut Table, own_rls: &[Ident]) {
    fn inherit(c: &mut Partition, rls: Rls, policies: &[Policy], own_rls: &[Ident]) {
        if !own_rls.contains(&c.name) {
            c.rls = rls;
            c.policies = policies.to_vec();
        }
        for k in &mut c.partitions {
            inherit(k, rls, policies, own_rls);
        }
    }
    for c in &mut table.partitions {
        inherit(c, table.rls, &table.policies, own_rls);
    }
}

/// Explicit children (`partitions:`) of a table or partition partitioned by
/// `part`, with what each declares for itself. `known` is the table's
/// columns. A child that declares no `rls` or `policies` takes its table's
/// when the layout is expanded; those that do are listed in `own_rls`.
pub fn explicit(
    p: &PartitionSyntax,
    part: &Partitioning,
    table: &Table,
    known: &std::collections::HashSet<String>,
    own_rls: &mut Vec<Ident>,
    diags: &mut Diagnostics,
    depth: u8,
) -> Vec<Partition> {
    let Some(children) = &p.partitions else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, c) in &children.0 {
        let err = |diags: &mut Diagnostics, msg: String, help: &str| {
            diags.push(
                Diagnostic::new(&partition_spec_invalid::META, msg)
                    .at(Some(name.span))
                    .help(help.to_string()),
            );
        };
        let bound_value = |v: &super::syntax::Sp<super::syntax::Text>| {
            let t = v.value.0.trim();
            if t.eq_ignore_ascii_case("minvalue") || t.eq_ignore_ascii_case("maxvalue") {
                t.to_ascii_uppercase()
            } else {
                v.value.0.clone()
            }
        };
        let is_default = c.default.as_ref().is_some_and(|d| d.value);
        let declared = [
            !c.values.0.is_empty(),
            !c.from.0.is_empty() || !c.to.0.is_empty(),
            c.modulus.is_some() || c.remainder.is_some(),
            is_default,
        ];
        if declared.iter().filter(|d| **d).count() != 1 {
            err(
                diags,
                format!("partition `{}` needs exactly one bound", name.value),
                "write `values: […]`, `from: […]` with `to: […]`, `modulus` with `remainder`, or `default`",
            );
            continue;
        }
        let bound = if is_default {
            if part.strategy == PartitionStrategy::Hash {
                err(
                    diags,
                    "a hash-partitioned table cannot have a default partition".into(),
                    "give it `modulus` and `remainder`",
                );
                continue;
            }
            PartitionBound::Default
        } else {
            match part.strategy {
                PartitionStrategy::List if !c.values.0.is_empty() => PartitionBound::List {
                    values: c.values.0.iter().map(|v| v.value.0.clone()).collect(),
                },
                PartitionStrategy::Range
                    if c.from.0.len() == part.key.len() && c.to.0.len() == part.key.len() =>
                {
                    PartitionBound::Range {
                        from: c.from.0.iter().map(bound_value).collect(),
                        to: c.to.0.iter().map(bound_value).collect(),
                    }
                }
                PartitionStrategy::Hash => match (&c.modulus, &c.remainder) {
                    (Some(m), Some(r)) if m.value >= 1 && r.value < m.value => {
                        PartitionBound::Hash {
                            modulus: m.value,
                            remainder: r.value,
                        }
                    }
                    _ => {
                        err(
                            diags,
                            format!(
                                "partition `{}` needs a modulus and a smaller remainder",
                                name.value
                            ),
                            "e.g. `{ modulus: 4, remainder: 0 }`",
                        );
                        continue;
                    }
                },
                PartitionStrategy::Range => {
                    err(
                        diags,
                        format!(
                            "partition `{}` needs `from` and `to` with {} value(s) each, one per key column",
                            name.value,
                            part.key.len()
                        ),
                        "e.g. `{ from: [2024-01-01], to: [2025-01-01] }`; MINVALUE and MAXVALUE are unbounded",
                    );
                    continue;
                }
                PartitionStrategy::List => {
                    err(
                        diags,
                        format!(
                            "partition `{}` of a list-partitioned table needs `values`",
                            name.value
                        ),
                        "e.g. `{ values: [eu, uk] }`",
                    );
                    continue;
                }
            }
        };
        let ident = Ident::new(name.value.clone());
        let mut child = Partition::new(ident.clone(), bound);
        child.origin = Origin::Yaml(name.span);
        child.comment = c.comment.as_ref().map(|c| c.value.clone());
        child.options = c
            .with
            .0
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.0.clone()))
            .collect();
        for ix in &c.indexes {
            if let Some(i) = crate::load::lower::lower_index(ix, Some(known), &ident, diags) {
                child.indexes.push(i);
            }
        }
        if let Some(pk) = &c.primary_key {
            child.constraints.push(crate::load::lower::lower_key(
                pk, true, known, &ident, diags,
            ));
        }
        for u in &c.unique {
            child.constraints.push(crate::load::lower::lower_key(
                u, false, known, &ident, diags,
            ));
        }
        for ck in &c.checks {
            child.constraints.push(crate::load::lower::lower_check(ck));
        }
        if c.rls.is_some() || c.policies.is_some() {
            own_rls.push(ident.clone());
            if let Some(r) = &c.rls {
                child.rls = Rls {
                    enabled: r.value.enabled,
                    forced: r.value.forced,
                };
            }
            if let Some(ps) = &c.policies {
                child.policies =
                    ps.0.iter()
                        .map(|(n, p)| crate::load::lower::lower_policy(n, p))
                        .collect();
            }
        }
        if let Some(sub) = &c.partition {
            if depth >= 2 {
                err(
                    diags,
                    "partitions nest at most three levels deep here".into(),
                    "flatten the layout",
                );
            } else if let Some(spec) = spec(sub, table, diags, depth + 1) {
                child.partitions = explicit(sub, &spec, table, known, own_rls, diags, depth + 1);
                child.partitioning = Some(spec);
            }
        }
        out.push(child);
    }
    out
}
