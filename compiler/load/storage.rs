//! Storage parameters (`with:`) PostgreSQL would refuse: a well-known
//! parameter with a value out of its range (PostgreSQL 15 and 17 agree on
//! them) or of the wrong kind. Names
//! schemac does not know are left to the server.

use super::syntax::{Named, Sp, Text};
use crate::check::rules::invalid_value;
use crate::diag::{Diagnostic, Diagnostics};

/// What a parameter takes.
enum Takes {
    Int(i64, i64),
    Real(f64, f64),
    Bool,
}

const INT_MAX: i64 = i32::MAX as i64;

/// Heap (and TOAST, as `toast.…`) parameters with their ranges.
fn table_parameter(name: &str) -> Option<Takes> {
    let base = name.strip_prefix("toast.").unwrap_or(name);
    Some(match base {
        "fillfactor" if base == name => Takes::Int(10, 100),
        "toast_tuple_target" if base == name => Takes::Int(128, 8160),
        "parallel_workers" if base == name => Takes::Int(0, 1024),
        "autovacuum_enabled" | "vacuum_truncate" => Takes::Bool,
        "user_catalog_table" if base == name => Takes::Bool,
        "autovacuum_vacuum_threshold" | "autovacuum_analyze_threshold" => Takes::Int(0, INT_MAX),
        "autovacuum_vacuum_insert_threshold" | "log_autovacuum_min_duration" => {
            Takes::Int(-1, INT_MAX)
        }
        "autovacuum_vacuum_scale_factor"
        | "autovacuum_vacuum_insert_scale_factor"
        | "autovacuum_analyze_scale_factor" => Takes::Real(0.0, 100.0),
        "autovacuum_vacuum_cost_delay" => Takes::Real(0.0, 100.0),
        "autovacuum_vacuum_cost_limit" => Takes::Int(1, 10000),
        "autovacuum_freeze_min_age" | "autovacuum_multixact_freeze_min_age" => {
            Takes::Int(0, 1_000_000_000)
        }
        "autovacuum_freeze_max_age" => Takes::Int(100_000, 2_000_000_000),
        "autovacuum_multixact_freeze_max_age" => Takes::Int(10_000, 2_000_000_000),
        "autovacuum_freeze_table_age" | "autovacuum_multixact_freeze_table_age" => {
            Takes::Int(0, 2_000_000_000)
        }
        _ => return None,
    })
}

/// Index parameters every method schemac writes shares.
fn index_parameter(name: &str) -> Option<Takes> {
    match name {
        "fillfactor" => Some(Takes::Int(10, 100)),
        "deduplicate_items" | "fastupdate" | "autosummarize" => Some(Takes::Bool),
        _ => None,
    }
}

/// What PostgreSQL's parse_bool takes: a prefix of true/false/yes/no,
/// on/off (from `of`), 1 or 0.
fn is_bool(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    !v.is_empty()
        && (["true", "false", "yes", "no"]
            .iter()
            .any(|w| w.starts_with(v.as_str()))
            || ["on", "off", "of", "1", "0"].contains(&v.as_str()))
}

fn refused(takes: &Takes, v: &str) -> Option<String> {
    let v = v.trim().trim_matches('\'');
    match takes {
        Takes::Bool => (!is_bool(v)).then(|| "takes a boolean (true or false)".to_string()),
        Takes::Int(lo, hi) => match v.parse::<i64>() {
            Ok(n) if (*lo..=*hi).contains(&n) => None,
            _ => Some(format!("takes a whole number from {lo} to {hi}")),
        },
        Takes::Real(lo, hi) => match v.parse::<f64>() {
            Ok(n) if n >= *lo && n <= *hi => None,
            _ => Some(format!("takes a number from {lo} to {hi}")),
        },
    }
}

fn check(with: &Named<Sp<Text>>, known: fn(&str) -> Option<Takes>, diags: &mut Diagnostics) {
    for (k, v) in &with.0 {
        let Some(takes) = known(&k.value) else {
            continue;
        };
        if let Some(why) = refused(&takes, &v.value.0) {
            diags.push(
                Diagnostic::new(
                    &invalid_value::META,
                    format!("storage parameter `{}` {why}, not `{}`", k.value, v.value.0),
                )
                .at(Some(v.span))
                .help("see PostgreSQL's storage parameters (CREATE TABLE … WITH, CREATE INDEX … WITH)"),
            );
        }
    }
}

/// A table's `with:`.
pub fn check_table(with: &Named<Sp<Text>>, diags: &mut Diagnostics) {
    check(with, table_parameter, diags);
}

/// An index's `with:`.
pub fn check_index(with: &Named<Sp<Text>>, diags: &mut Diagnostics) {
    check(with, index_parameter, diags);
}
