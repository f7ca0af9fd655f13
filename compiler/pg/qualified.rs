//! Names written `schema.name` for the tier's own objects, in the scratch
//! schema.
//!
//! A tier's objects are read, built and migrated under one search path: the
//! tier's schema, its further schemas, then `public` (names are unique
//! across a tier's schemas). The server then prints every one of them
//! unqualified, on the live side and in the scratch schema alike, where all
//! of them are built under the scratch schema's name, first on the path.
//! A text that names one qualified (`app_private.is_admin()`,
//! `'ok'::app_private.mood`, `from app_private.notes`) would reach the live
//! object from the scratch schema, so before the model is created such
//! names are pointed at the scratch copy. Function bodies are stored as
//! written and left alone.

use std::collections::HashSet;

use serde_json::Value;

use crate::model::{Schema, quote_ident};

/// The tier's schemas as written before a dot, and the names of its objects.
#[derive(Default)]
pub struct Qualified {
    /// `schema.` spelled bare and quoted, for each of the tier's schemas.
    prefixes: Vec<String>,
    names: HashSet<String>,
}

impl Qualified {
    /// The relations, functions and types of the tier `desired`, in any of
    /// its schemas; nothing for a tier of one schema (the scratch schema
    /// is first on its search path already).
    pub fn of(desired: &Schema) -> Qualified {
        if desired.schemas.is_empty() {
            return Qualified::default();
        }
        let mut names: HashSet<String> = HashSet::new();
        names.extend(desired.tables.iter().map(|t| t.name.to_string()));
        names.extend(
            desired
                .tables
                .iter()
                .flat_map(|t| t.all_partitions())
                .map(|p| p.name.to_string()),
        );
        names.extend(desired.views.iter().map(|v| v.name.to_string()));
        names.extend(desired.functions.iter().map(|f| f.name.to_string()));
        names.extend(desired.sequences.iter().map(|s| s.name.to_string()));
        names.extend(desired.enums.iter().map(|e| e.name.to_string()));
        names.extend(desired.domains.iter().map(|d| d.name.to_string()));
        names.extend(desired.composites.iter().map(|c| c.name.to_string()));
        for r in &desired.ranges {
            names.insert(r.name.to_string());
            names.insert(r.multirange_name());
        }
        let prefixes = desired
            .namespaces()
            .iter()
            .flat_map(|ns| spellings(ns.as_str()))
            .map(|n| format!("{n}."))
            .collect();
        Qualified { prefixes, names }
    }

    pub fn is_empty(&self) -> bool {
        self.prefixes.is_empty()
    }

    /// `model` (in schema `scratch`) with every text naming an object of the
    /// tier qualified naming its scratch copy.
    pub fn to_scratch(&self, model: &Schema) -> Schema {
        let scratch = quote_ident(model.name.as_str());
        let rewrite = |s: &str| -> Option<String> {
            let mut out: Option<String> = None;
            for p in &self.prefixes {
                let text = out.as_deref().unwrap_or(s);
                if let Some(next) = self.requalify(text, p, &scratch) {
                    out = Some(next);
                }
            }
            out
        };
        let Ok(mut v) = serde_json::to_value(model) else {
            return model.clone();
        };
        if !walk(&mut v, &rewrite) {
            return model.clone();
        }
        let mut out: Schema = serde_json::from_value(v).unwrap_or_else(|_| model.clone());
        // `origin` and `was` are not serialised; plan diagnostics point at
        // origins, and a model created from nothing has no renames.
        for (a, b) in model.tables.iter().zip(out.tables.iter_mut()) {
            b.origin = a.origin;
        }
        for (a, b) in model.functions.iter().zip(out.functions.iter_mut()) {
            b.origin = a.origin;
        }
        out
    }

    /// `text` with `prefix` + a name of the tier, where `prefix` does not
    /// continue a longer name, written `scratch.name`; `None` if there is
    /// none.
    fn requalify(&self, text: &str, prefix: &str, scratch: &str) -> Option<String> {
        let mut out = String::new();
        let mut done = 0;
        let mut from = 0;
        while let Some(at) = text[from..].find(prefix).map(|i| i + from) {
            from = at + prefix.len();
            let starts = !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || "_$\".".contains(c));
            if !starts {
                continue;
            }
            let Some((name, len)) = name_at(&text[from..]) else {
                continue;
            };
            if !self.names.contains(&name) {
                continue;
            }
            out.push_str(&text[done..at]);
            out.push_str(scratch);
            out.push('.');
            out.push_str(&quote_ident(&name));
            done = from + len;
            from = done;
        }
        (done > 0).then(|| {
            out.push_str(&text[done..]);
            out
        })
    }
}

/// The identifier at the start of `s` as PostgreSQL reads it (a bare one
/// folded to lower case), and its length as written.
fn name_at(s: &str) -> Option<(String, usize)> {
    if let Some(rest) = s.strip_prefix('"') {
        let mut name = String::new();
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '"' {
                if chars.peek().is_some_and(|(_, n)| *n == '"') {
                    chars.next();
                    name.push('"');
                    continue;
                }
                return Some((name, i + 2));
            }
            name.push(c);
        }
        return None;
    }
    let len = s
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '$'))
        .map_or(s.len(), |(i, _)| i);
    (len > 0 && !s.starts_with(|c: char| c.is_ascii_digit() || c == '$'))
        .then(|| (s[..len].to_lowercase(), len))
}

/// Every string of `v` but function bodies through `f`; whether any changed.
fn walk(v: &mut Value, f: &dyn Fn(&str) -> Option<String>) -> bool {
    match v {
        Value::String(s) => match f(s) {
            Some(new) => {
                *s = new;
                true
            }
            None => false,
        },
        Value::Array(items) => items.iter_mut().fold(false, |any, i| walk(i, f) | any),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(k, _)| *k != "body")
            .fold(false, |any, (_, v)| walk(v, f) | any),
        _ => false,
    }
}

/// A name as it may be written: quoted, and bare when that means the same.
fn spellings(name: &str) -> Vec<String> {
    let mut out = vec![quote_ident(name)];
    if printed(name) == name {
        out.push(name.to_string());
    }
    out
}

/// A name as the server prints it: bare when it is a lower-case identifier
/// and not a reserved word, else quoted.
fn printed(name: &str) -> String {
    let simple = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if simple && !crate::check::rules::reserved_word::RESERVED.contains(&name) {
        name.to_string()
    } else {
        quote_ident(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier() -> Qualified {
        Qualified {
            prefixes: vec!["app_private.".into(), "\"app_private\".".into()],
            names: ["mood", "is_admin", "Notes"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }

    #[test]
    fn names_of_the_tier_point_at_the_scratch_copy() {
        let q = tier();
        let r = |t: &str| {
            q.prefixes.iter().fold(t.to_string(), |t, p| {
                q.requalify(&t, p, "\"s\"").unwrap_or(t)
            })
        };
        assert_eq!(r("'a'::app_private.mood"), "'a'::\"s\".\"mood\"");
        assert_eq!(r("x::\"app_private\".mood[]"), "x::\"s\".\"mood\"[]");
        assert_eq!(
            r("app_private.is_admin() AND app_private.MOOD"),
            "\"s\".\"is_admin\"() AND \"s\".\"mood\""
        );
        assert_eq!(r("from app_private.\"Notes\" n"), "from \"s\".\"Notes\" n");
        // Not the tier's, or part of a longer name.
        assert_eq!(r("app_private.notes"), "app_private.notes");
        assert_eq!(r("app_private.moods"), "app_private.moods");
        assert_eq!(r("my_app_private.mood"), "my_app_private.mood");
        assert_eq!(r("a.app_private.mood"), "a.app_private.mood");
    }

    #[test]
    fn quoted_and_bare_spellings_are_both_known() {
        assert_eq!(spellings("notes"), vec!["\"notes\"", "notes"]);
        assert_eq!(spellings("Notes"), vec!["\"Notes\""]);
        assert_eq!(spellings("user"), vec!["\"user\""]);
        assert_eq!(name_at("\"a\"\"b\" x"), Some(("a\"b".into(), 6)));
        assert_eq!(name_at("Mood)"), Some(("mood".into(), 4)));
    }
}
