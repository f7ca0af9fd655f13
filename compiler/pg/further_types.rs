//! Types of a tier's further schemas in the scratch schema.
//!
//! The scratch schema holds the tier's tables and functions under one name,
//! first on the search path, so the server prints them unqualified as it
//! prints the tier's own on the live side. A type of a further schema is
//! printed qualified on the live side (`'a'::app_private.mood`), so it
//! cannot share that name: each further schema gets a scratch schema of its
//! own, `<scratch>_<n>`, outside the search path. What is written naming
//! such a type (`app_private.mood` in a default, a check, an argument) is
//! pointed at its scratch copy before the model is created, and the read-back
//! names the further schema again. Function bodies are stored as written and
//! left alone.

use serde_json::Value;

use crate::model::{Ident, Schema, quote_ident};

/// The further schemas holding types of a tier, and what names them.
#[derive(Default)]
pub struct FurtherTypes {
    schemas: Vec<Ident>,
    /// `(spelling of schema.name, index of the schema, name)` of each type.
    names: Vec<(String, usize, String)>,
    /// Views reading a relation of a further schema: the scratch copy of
    /// that relation has no schema of its own, so such a view reads the live
    /// one, with the live types; its text is left alone.
    live_readers: Vec<Ident>,
}

impl FurtherTypes {
    /// The further-schema types of the tier `desired`.
    pub fn of(desired: &Schema) -> FurtherTypes {
        let mut out = FurtherTypes::default();
        for (name, ns) in desired.placed_types() {
            let at = match out.schemas.iter().position(|s| s == ns) {
                Some(i) => i,
                None => {
                    out.schemas.push(ns.clone());
                    out.schemas.len() - 1
                }
            };
            for n in spellings(ns.as_str()) {
                for m in spellings(&name) {
                    out.names.push((format!("{n}.{m}"), at, name.clone()));
                }
            }
        }
        if out.schemas.is_empty() {
            return out;
        }
        let relations: Vec<String> = desired
            .tables
            .iter()
            .map(|t| (&t.schema, &t.name))
            .chain(desired.views.iter().map(|v| (&v.schema, &v.name)))
            .filter_map(|(ns, name)| Some((ns.as_ref()?, name)))
            .flat_map(|(ns, name)| {
                spellings(ns.as_str()).into_iter().flat_map(move |n| {
                    spellings(name.as_str())
                        .into_iter()
                        .map(move |m| format!("{n}.{m}"))
                })
            })
            .collect();
        out.live_readers = desired
            .views
            .iter()
            .filter(|v| {
                relations
                    .iter()
                    .any(|r| replace_name(&v.sql, r, "") != v.sql)
            })
            .map(|v| v.name.clone())
            .collect();
        out
    }

    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
    }

    /// The scratch schema of each further schema beside `scratch`.
    pub fn scratch_schemas(&self, scratch: &str) -> Vec<String> {
        (1..=self.schemas.len())
            .map(|i| format!("{scratch}_{i}"))
            .collect()
    }

    /// The further schema scratch schema `name` (beside `scratch`) stands for.
    fn schema_of(&self, scratch: &str, name: &str) -> Option<&Ident> {
        let i: usize = name
            .strip_prefix(scratch)?
            .strip_prefix('_')?
            .parse()
            .ok()?;
        self.schemas.get(i.checked_sub(1)?)
    }

    /// `model` (in schema `scratch`) with its further-schema types in their
    /// scratch schemas and every text naming one naming the copy.
    pub fn to_scratch(&self, model: &Schema) -> Schema {
        let scratch = model.name.as_str();
        let homes = self.scratch_schemas(scratch);
        let mut out = self.rewrite(model, |s| {
            self.names
                .iter()
                .fold(s.to_string(), |s, (from, at, name)| {
                    replace_name(&s, from, &format!("{}.{}", homes[*at], quote_ident(name)))
                })
        });
        for (v, y) in out.views.iter_mut().zip(&model.views) {
            if self.live_readers.contains(&v.name) {
                v.sql = y.sql.clone();
            }
        }
        let home = |ns: &mut Option<Ident>| {
            if let Some(i) = ns
                .as_ref()
                .and_then(|n| self.schemas.iter().position(|s| s == n))
            {
                *ns = Some(Ident::new(homes[i].clone()));
            }
        };
        out.enums.iter_mut().for_each(|e| home(&mut e.schema));
        out.domains.iter_mut().for_each(|d| home(&mut d.schema));
        out.composites.iter_mut().for_each(|c| home(&mut c.schema));
        out.ranges.iter_mut().for_each(|r| home(&mut r.schema));
        out
    }

    /// `read` from `scratch` and its scratch schemas, naming the further
    /// schemas again.
    pub fn back_from_scratch(&self, read: &Schema, scratch: &str) -> Schema {
        let homes = self.scratch_schemas(scratch);
        let mut out = self.rewrite(read, |s| {
            homes
                .iter()
                .zip(&self.schemas)
                .fold(s.to_string(), |s, (home, ns)| {
                    replace_name(
                        &s,
                        &format!("{home}."),
                        &format!("{}.", printed(ns.as_str())),
                    )
                })
        });
        let back = |ns: &mut Option<Ident>| {
            if let Some(s) = ns
                .as_ref()
                .and_then(|s| self.schema_of(scratch, s.as_str()))
            {
                *ns = Some(s.clone());
            }
        };
        out.enums.iter_mut().for_each(|e| back(&mut e.schema));
        out.domains.iter_mut().for_each(|d| back(&mut d.schema));
        out.composites.iter_mut().for_each(|c| back(&mut c.schema));
        out.ranges.iter_mut().for_each(|r| back(&mut r.schema));
        out
    }

    /// Every text of `model` but function bodies through `f`. Only
    /// `origin` and `was` are not serialised; neither matters to a model
    /// created from nothing or read from the catalog.
    fn rewrite(&self, model: &Schema, f: impl Fn(&str) -> String) -> Schema {
        fn walk(v: &mut Value, f: &dyn Fn(&str) -> String) {
            match v {
                Value::String(s) => *s = f(s),
                Value::Array(items) => items.iter_mut().for_each(|i| walk(i, f)),
                Value::Object(map) => {
                    for (k, v) in map.iter_mut() {
                        if k != "body" {
                            walk(v, f);
                        }
                    }
                }
                _ => {}
            }
        }
        let Ok(mut v) = serde_json::to_value(model) else {
            return model.clone();
        };
        walk(&mut v, &f);
        let mut out: Schema = serde_json::from_value(v).unwrap_or_else(|_| model.clone());
        restore_origins(model, &mut out);
        out
    }
}

/// Origins are not serialised; the tables and functions keep theirs (plan
/// diagnostics point at them).
fn restore_origins(from: &Schema, to: &mut Schema) {
    for (a, b) in from.tables.iter().zip(to.tables.iter_mut()) {
        b.origin = a.origin;
    }
    for (a, b) in from.functions.iter().zip(to.functions.iter_mut()) {
        b.origin = a.origin;
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

/// `text` with each `from` that does not continue a longer name replaced by
/// `to`; `from` ending in a name must not run on into one either.
fn replace_name(text: &str, from: &str, to: &str) -> String {
    fn word(c: char) -> bool {
        c.is_alphanumeric() || c == '_' || c == '$' || c == '"'
    }
    if !text.contains(from) {
        return text.to_string();
    }
    let open_end = from.ends_with('.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(at) = rest.find(from) {
        let prev = rest[..at].chars().next_back().or(before);
        let next = rest[at + from.len()..].chars().next();
        let starts = !prev.is_some_and(|c| word(c) || c == '.');
        let ends = open_end || !next.is_some_and(word);
        out.push_str(&rest[..at]);
        if starts && ends {
            out.push_str(to);
        } else {
            out.push_str(from);
        }
        before = from.chars().next_back();
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_names_are_replaced() {
        let r = |t| replace_name(t, "app_private.mood", "s_1.mood");
        assert_eq!(r("'a'::app_private.mood"), "'a'::s_1.mood");
        assert_eq!(r("x::app_private.mood[]"), "x::s_1.mood[]");
        assert_eq!(r("app_private.moods"), "app_private.moods");
        assert_eq!(r("my_app_private.mood"), "my_app_private.mood");
        assert_eq!(r("a.app_private.mood"), "a.app_private.mood");
        assert_eq!(
            r("(app_private.mood, app_private.mood)"),
            "(s_1.mood, s_1.mood)"
        );
        assert_eq!(
            replace_name("'a'::s_1.mood", "s_1.", "\"App X\"."),
            "'a'::\"App X\".mood"
        );
        assert_eq!(
            replace_name("'a'::s_11.mood", "s_1.", "x."),
            "'a'::s_11.mood"
        );
    }
}
