//! I103: a table or column named with a reserved SQL keyword.

use crate::check::{tables, views};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "I103",
    name: "reserved-word",
    severity: Severity::Warning,
    summary: "A table, view or column is named with a keyword PostgreSQL reserves (`user`, `order`, `group`…).",
    why: "schemac quotes every identifier, so the DDL works; but every hand-written query, ORM mapping and psql session must quote the name too, and `SELECT user FROM t` silently returns the current role instead of the column.",
    bad: "columns:\n  user: uuid\n  order: integer\n",
    good: "columns:\n  user_id: uuid\n  position: integer\n",
};

/// PostgreSQL's reserved key words (Appendix C, "reserved" in PostgreSQL).
pub const RESERVED: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
    "cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
    "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
    "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
    "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
    "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
    "placing", "primary", "references", "returning", "select", "session_user", "some",
    "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user",
    "using", "variadic", "when", "where", "window", "with",
];

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let mut flag = |what: &str, name: &str, origin: &Origin| {
        if matches!(origin, Origin::Yaml(_)) && RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
            diags.push(
                Diagnostic::new(&META, format!("{what} `{name}` is a reserved SQL keyword"))
                    .at_origin(origin)
                    .help("every query must quote it; choose a name that is not a keyword"),
            );
        }
    };
    for (_, t) in tables(project) {
        flag("table", t.name.as_str(), &t.origin);
        for c in &t.columns {
            flag("column", c.name.as_str(), &c.origin);
        }
    }
    for (_, v) in views(project) {
        flag("view", v.name.as_str(), &v.origin);
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn keyword_column() {
        let files = app("tables:\n  carts:\n    columns:\n      user: uuid\n      position: integer\n");
        assert_eq!(found(&refs(&files), "I103"), [(4, 7)]);
    }
}
