//! Functions and procedures as YAML for `inspect`: defaults left out,
//! arguments in short form where it reads back the same.

use serde_json::{Map, Value, json};

use crate::model::*;

/// `functions:` and `procedures:` of a tier file, keyed `name`, or
/// `name(argtypes)` for overloads, `schema.` before either outside the
/// tier's schema.
pub fn entries(
    functions: &[&Function],
    schema: &Schema,
) -> (Map<String, Value>, Map<String, Value>) {
    let (mut fns, mut procs) = (Map::new(), Map::new());
    for f in functions {
        let overloaded = functions
            .iter()
            .filter(|o| o.name == f.name && o.kind == f.kind && o.schema == f.schema)
            .count()
            > 1;
        let key = match (&f.schema, overloaded) {
            (_, true) => f.signature(),
            (Some(s), false) => format!("{s}.{}", f.name),
            (None, false) => f.name.to_string(),
        };
        let target = match f.kind {
            FunctionKind::Function => &mut fns,
            FunctionKind::Procedure => &mut procs,
        };
        let mut v = function(f);
        super::super::privileges::reshape(
            &mut v,
            schema,
            f.schema.as_ref().unwrap_or(&schema.name),
            DefaultObjects::Functions,
            f.privileged_kind(),
            &f.privileged_kind().effective(&f.grants),
        );
        target.insert(key, v);
    }
    (fns, procs)
}

fn arg(a: &FunctionArg) -> Value {
    const WORDS: &[&str] = &["in", "out", "inout", "variadic", "default"];
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !WORDS.contains(&s)
    };
    match &a.name {
        Some(n) if plain(n.as_str()) && !a.ty.to_ascii_lowercase().contains("default") => {
            let mut s = String::new();
            if !a.mode.is_in() {
                s.push_str(&format!("{} ", a.mode.sql().to_ascii_lowercase()));
            }
            s.push_str(&format!("{} {}", n, a.ty));
            if let Some(d) = &a.default {
                s.push_str(&format!(" default {d}"));
            }
            json!(s)
        }
        _ => {
            let mut m = Map::new();
            if let Some(n) = &a.name {
                m.insert("name".into(), json!(n.as_str()));
            }
            m.insert("type".into(), json!(a.ty));
            if !a.mode.is_in() {
                m.insert("mode".into(), json!(a.mode.sql().to_ascii_lowercase()));
            }
            if let Some(d) = &a.default {
                m.insert("default".into(), json!(d));
            }
            Value::Object(m)
        }
    }
}

fn function(f: &Function) -> Value {
    let mut m = Map::new();
    if !f.args.is_empty() {
        m.insert("args".into(), f.args.iter().map(arg).collect());
    }
    if f.kind == FunctionKind::Function && !f.returns.is_empty() {
        m.insert("returns".into(), json!(f.returns));
    }
    m.insert("language".into(), json!(f.language));
    if !f.volatility.is_volatile() {
        m.insert(
            "volatility".into(),
            json!(f.volatility.sql().to_ascii_lowercase()),
        );
    }
    if f.strict {
        m.insert("strict".into(), json!(true));
    }
    if f.security_definer {
        m.insert("security".into(), json!("definer"));
    }
    if !f.config.is_empty() {
        let set: Map<String, Value> = f
            .config
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        m.insert("set".into(), Value::Object(set));
    }
    if !f.parallel.is_unsafe() {
        m.insert(
            "parallel".into(),
            json!(f.parallel.sql().to_ascii_lowercase()),
        );
    }
    if f.leakproof {
        m.insert("leakproof".into(), json!(true));
    }
    for (key, v) in [("cost", &f.cost), ("rows", &f.rows)] {
        if let Some(v) = v {
            let n: f64 = v.parse().unwrap_or(0.0);
            m.insert(key.into(), json!(n));
        }
    }
    m.insert("body".into(), json!(f.body));
    if let Some(c) = &f.comment {
        m.insert("comment".into(), json!(c));
    }
    super::super::privileges::insert_defaulted(&mut m, &f.owner, &f.grants, f.privileged_kind());
    Value::Object(m)
}
