//! Triggers as YAML for `inspect`: defaults (`for_each: row`, `enabled:
//! origin`) left out, `update of a, b` for `UPDATE OF`, the function
//! qualified only when it is not the tier's.

use serde_json::{Map, Value, json};

use crate::model::*;

/// The `touch_updated` convention's own trigger on `table`, which the
/// convention writes back instead.
pub fn is_touch(table: &Ident, t: &Trigger) -> bool {
    let column = t.function.as_str().strip_prefix("schemac_touch_");
    column.is_some_and(|c| {
        let mut plain = Trigger::new(
            fit_name(&format!("{table}_touch_{c}")),
            "BEFORE",
            &["UPDATE"],
            t.function.clone(),
        );
        plain.origin = t.origin;
        *t == plain
    })
}

/// `triggers:` of a table, keyed by name.
pub fn entries(triggers: &[&Trigger]) -> Map<String, Value> {
    triggers
        .iter()
        .map(|t| (t.name.to_string(), trigger(t)))
        .collect()
}

fn trigger(t: &Trigger) -> Value {
    let mut m = Map::new();
    m.insert(
        "timing".into(),
        json!(t.timing.to_ascii_lowercase().replace(' ', "_")),
    );
    let events: Vec<Value> = t
        .events
        .iter()
        .map(|e| {
            let e = e.to_ascii_lowercase();
            if e == "update" && !t.columns.is_empty() {
                let cols: Vec<&str> = t.columns.iter().map(Ident::as_str).collect();
                json!({ "update": cols })
            } else {
                json!(e)
            }
        })
        .collect();
    m.insert("events".into(), Value::Array(events));
    if !t.row {
        m.insert("for_each".into(), json!("statement"));
    }
    if let Some(w) = &t.when {
        m.insert("when".into(), json!(w));
    }
    let function = match &t.function_schema {
        Some(s) => format!("{s}.{}", t.function),
        None => t.function.to_string(),
    };
    m.insert("function".into(), json!(function));
    if !t.args.is_empty() {
        m.insert("args".into(), json!(t.args));
    }
    if t.old_table.is_some() || t.new_table.is_some() {
        let mut r = Map::new();
        if let Some(o) = &t.old_table {
            r.insert("old_table".into(), json!(o.as_str()));
        }
        if let Some(n) = &t.new_table {
            r.insert("new_table".into(), json!(n.as_str()));
        }
        m.insert("referencing".into(), Value::Object(r));
    }
    if t.constraint {
        m.insert("constraint".into(), json!(true));
    }
    match t.deferrable {
        Deferrable::No => {}
        Deferrable::InitiallyImmediate => {
            m.insert("deferrable".into(), json!("initially_immediate"));
        }
        Deferrable::InitiallyDeferred => {
            m.insert("deferrable".into(), json!("initially_deferred"));
        }
    }
    if !t.enabled.is_origin() {
        m.insert("enabled".into(), json!(t.enabled.word()));
    }
    if let Some(c) = &t.comment {
        m.insert("comment".into(), json!(c));
    }
    Value::Object(m)
}
