//! Functions a change's SQL calls, and relations and types a function's
//! definition names, for ordering: a function is created before the
//! defaults, checks, generated columns, indexes, policies and views that
//! call it, and after the tables its body reads (PostgreSQL validates a
//! SQL-language body when it is created).

use serde_json::Value;

use crate::diff::Change;
use crate::model::{Function, sql};

/// Keys of a change's serialized form that hold names or prose, not SQL.
const NOT_SQL: &[&str] = &["name", "comment", "body", "was", "function", "language"];

fn walk(v: &Value, key: &str, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !NOT_SQL.contains(&key) && s.contains('(') => {
            for w in sql::words(s).unwrap_or_default() {
                if w.call && !out.contains(&w.text) {
                    out.push(w.text);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| walk(i, key, out)),
        Value::Object(m) => m.iter().for_each(|(k, v)| walk(v, k, out)),
        _ => {}
    }
}

/// Names of the functions `change`'s expressions call (not those of a
/// function's own definition, and not trigger functions, which changes
/// name outright).
pub fn calls(change: &Change) -> Vec<String> {
    if matches!(
        change,
        Change::CreateFunction { .. }
            | Change::ReplaceFunction { .. }
            | Change::DropFunction { .. }
            | Change::CreateTrigger { .. }
            | Change::DropTrigger { .. }
    ) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(change) {
        walk(&v, "", &mut out);
    }
    out
}

/// The distinct words of `texts` (only function calls, with `calls`).
fn words_of<'a>(texts: impl Iterator<Item = &'a str>, calls: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        for w in sql::words(t).unwrap_or_default() {
            if (w.call || !calls) && !out.contains(&w.text) {
                out.push(w.text);
            }
        }
    }
    out
}

/// The result type, argument types and argument defaults of `f`.
fn signature(f: &Function) -> impl Iterator<Item = &str> {
    std::iter::once(f.returns.as_str())
        .chain(f.args.iter().map(|a| a.ty.as_str()))
        .chain(f.args.iter().filter_map(|a| a.default.as_deref()))
}

/// Words of a function's body, result and argument types: the relations
/// and types among them must exist first.
pub fn named_by(f: &Function) -> Vec<String> {
    words_of(std::iter::once(f.body.as_str()).chain(signature(f)), false)
}

/// Functions a function's creation calls: those of its argument defaults,
/// and of its body when the body is SQL (PostgreSQL checks a SQL body when
/// it is created; a PL/pgSQL body only when it runs).
pub fn called_by(f: &Function) -> Vec<String> {
    let body = (f.language == "sql").then_some(f.body.as_str());
    let defaults = f.args.iter().filter_map(|a| a.default.as_deref());
    words_of(body.into_iter().chain(defaults), true)
}

/// Words of a function's result and argument types (and defaults): what
/// the function depends on once created.
pub fn signature_names(f: &Function) -> Vec<String> {
    words_of(signature(f), false)
}

/// Whether `change` takes away the expressions it holds (so the functions
/// they call may be dropped after it) rather than writing them.
pub fn takes_away(change: &Change) -> bool {
    change.sign() == '-'
        || matches!(
            change,
            Change::DropDefault { .. }
                | Change::DropConstraint { .. }
                | Change::DropIndex { .. }
                | Change::DropPolicy { .. }
                | Change::DropView { .. }
                | Change::DropColumn { .. }
                | Change::DropTable { .. }
        )
}
