//! N103: an entity table named against the plural/singular convention.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Origin, Project, TableNumber};

pub const META: RuleMeta = RuleMeta {
    code: "N103",
    name: "naming-table-number",
    severity: Severity::Warning,
    summary: "A table name is singular where `conventions.tables: plural` asks for plural, or the reverse.",
    why: "`users` next to `user_preference` and `lead_analytic` makes every name a lookup. The convention is checked on the last word of the name; uncountable words (data, analytics, content, health…) pass either way, and `table_number_exceptions` lists deliberate exceptions.",
    bad: "# conventions: { tables: plural }\ntables:\n  user_preference: { columns: { id: uuid } }\n",
    good: "# conventions: { tables: plural }\ntables:\n  user_preferences: { columns: { id: uuid } }\n",
};

const UNCOUNTABLE: &[&str] = &[
    "analytics", "content", "data", "metadata", "media", "feedback", "information", "info",
    "equipment", "staff", "health", "news", "series", "software", "hardware", "history", "config",
    "audit", "inventory", "traffic", "money", "billing", "usage", "status", "access", "auth",
    "settings", "mail", "email", "metrics", "statistics", "stats", "logs",
];

const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("child", "children"),
    ("man", "men"),
    ("woman", "women"),
    ("index", "indexes"),
    ("criterion", "criteria"),
    ("datum", "data"),
];

pub fn is_plural(word: &str) -> bool {
    IRREGULAR.iter().any(|(_, p)| *p == word)
        || (word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is"))
}

pub fn pluralize(word: &str) -> String {
    if let Some((_, p)) = IRREGULAR.iter().find(|(s, _)| *s == word) {
        return p.to_string();
    }
    if let Some(stem) = word.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        return format!("{word}es");
    }
    format!("{word}s")
}

pub fn singularize(word: &str) -> String {
    if let Some((s, _)) = IRREGULAR.iter().find(|(_, p)| *p == word) {
        return s.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "sses", "xes", "zes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

fn replace_last(name: &str, word: &str) -> String {
    match name.rsplit_once('_') {
        Some((head, _)) => format!("{head}_{word}"),
        None => word.to_string(),
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let want = project.conventions.tables;
    if want == TableNumber::Any {
        return;
    }
    for (_, t) in tables(project) {
        if !matches!(t.origin, Origin::Yaml(_)) || project.conventions.number_exceptions.iter().any(|e| e == t.name.as_str()) {
            continue;
        }
        // A tier suffix such as `_analytics` is itself the last word.
        let name = t.name.as_str();
        let last = name.rsplit('_').next().unwrap_or(name);
        if UNCOUNTABLE.contains(&last) {
            continue;
        }
        let (ok, fixed, word) = match want {
            TableNumber::Plural => (is_plural(last), pluralize(last), "plural"),
            _ => (!is_plural(last), singularize(last), "singular"),
        };
        if !ok {
            diags.push(
                Diagnostic::new(&META, format!("table `{}` is not {word}", t.name))
                    .at_origin(&t.origin)
                    .help(format!(
                        "rename it `{}` (with `was: {}`), or list it in `conventions.table_number_exceptions`",
                        t.name.as_str().replacen(name, &replace_last(name, &fixed), 1),
                        t.name
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::*;

    #[test]
    fn words() {
        assert_eq!(pluralize("company"), "companies");
        assert_eq!(pluralize("address"), "addresses");
        assert_eq!(singularize("companies"), "company");
        assert!(is_plural("people"));
        assert!(!is_plural("address"));
        assert!(!is_plural("status"));
    }

    #[test]
    fn plural_convention() {
        let p = "project: t\nconventions: { tables: plural }\ntiers:\n  app: {}\n";
        let t = "tables:\n  user_preference:\n    columns: { id: uuid }\n  users:\n    columns: { id: uuid }\n  lead_analytics:\n    columns: { id: uuid }\n";
        let d = diagnostics(&[("schemac.yaml", p), ("app/t.yaml", t)]);
        let n: Vec<_> = d.iter().filter(|d| d.code == "N103").collect();
        assert_eq!(n.len(), 1);
        assert!(n[0].help.as_deref().unwrap_or_default().starts_with("rename it `user_preferences`"));
    }
}
