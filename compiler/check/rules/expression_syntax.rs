//! I104: an SQL expression or view query PostgreSQL's parser rejects.

use crate::check::expr;
use crate::check::{tables, views};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{ConstraintKind, KeyExpr, Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "I104",
    name: "expression-syntax",
    severity: Severity::Error,
    summary: "An SQL expression (default, check, generated column, index, predicate, policy) or view query is not valid PostgreSQL, or is a DEFAULT that names a column.",
    why: "Such SQL fails when the migration runs, halfway through a deploy. schemac reads every expression and view with PostgreSQL's own grammar (libpg_query) when checking, so what `check` accepts the server's parser accepts. A DEFAULT cannot reference columns in PostgreSQL, so `default: queued` almost always meant the string `'queued'`; a subquery is not allowed in a default, check, generated column or index.",
    bad: "columns:\n  status: { type: text, default: queued, check: \"status in ('queued', 'sent'\" }\n",
    good: "columns:\n  status: { type: text, default: \"'queued'\", check: \"status in ('queued', 'sent')\" }\n",
};

/// Where an expression sits, for what PostgreSQL allows in it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Defaults and checks: no subquery.
    Plain,
    /// Generated columns, index keys and predicates: no subquery, and only
    /// IMMUTABLE functions.
    Immutable,
    /// Policy clauses may hold subqueries.
    Policy,
}

/// Well-known functions that are not IMMUTABLE (their result changes with
/// the time, the session or the call), which PostgreSQL refuses in index
/// expressions, index predicates and generated columns.
const NOT_IMMUTABLE: &[&str] = &[
    "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
    "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday", "random",
    "gen_random_uuid", "uuid_generate_v4", "nextval", "currval", "current_setting", "current_user",
    "txid_current", "pg_backend_pid", "age",
];

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let pg = project.postgres;
    let test = |diags: &mut Diagnostics, what: &str, text: &str, origin: &Origin, place: Place| {
        let problem = match expr::expression(text, pg) {
            Err(e) => Some(e),
            Ok(e) if place != Place::Policy && e.has_subquery() => {
                Some(format!("holds a subquery, which PostgreSQL does not allow in a {what}"))
            }
            Ok(e) if place == Place::Immutable => e
                .functions()
                .into_iter()
                .find(|f| NOT_IMMUTABLE.contains(&f.as_str()))
                .map(|f| format!("calls {f}(), which is not IMMUTABLE: PostgreSQL refuses it in a {what}")),
            Ok(_) => None,
        };
        if let Some(p) = problem {
            diags.push(
                Diagnostic::new(&META, format!("{what} `{}`: {p}", text.trim()))
                    .at_origin(origin)
                    .help("fix the SQL; PostgreSQL would reject it when the migration runs"),
            );
        }
    };
    for (_, t) in tables(project) {
        for c in &t.columns {
            if let Some(d) = &c.default {
                test(diags, "default", d, &c.origin, Place::Plain);
                if let Ok(e) = expr::expression(d, pg)
                    && let Some(w) = e.column_refs().first()
                {
                    diags.push(
                        Diagnostic::new(&META, format!("default of `{}` names `{}`, but a DEFAULT cannot reference columns", c.name, w.name))
                            .at_origin(&c.origin)
                            .help(format!("for the text value write `default: \"'{}'\"`", d.trim().replace('\'', "''"))),
                    );
                }
            }
            if let Some(g) = &c.generated {
                test(diags, "generated expression", g, &c.origin, Place::Immutable);
            }
        }
        for c in &t.constraints {
            match &c.kind {
                ConstraintKind::Check { expr, .. } => test(diags, "check", expr, &c.origin, Place::Plain),
                ConstraintKind::Exclude { elements, predicate, .. } => {
                    for e in elements {
                        if let KeyExpr::Expr(x) = &e.key.expr {
                            test(diags, "exclusion expression", x, &c.origin, Place::Immutable);
                        }
                    }
                    if let Some(p) = predicate {
                        test(diags, "predicate", p, &c.origin, Place::Immutable);
                    }
                }
                _ => {}
            }
        }
        for i in &t.indexes {
            for k in &i.keys {
                if let KeyExpr::Expr(e) = &k.expr {
                    test(diags, "index expression", e, &i.origin, Place::Immutable);
                }
            }
            if let Some(p) = &i.predicate {
                test(diags, "index predicate", p, &i.origin, Place::Immutable);
            }
        }
        for p in &t.policies {
            for e in [&p.using, &p.with_check].into_iter().flatten() {
                test(diags, "policy expression", e, &p.origin, Place::Policy);
            }
        }
    }
    for (_, v) in views(project) {
        let problem = match expr::query(&v.sql, pg) {
            Err(p) => Some(p),
            Ok(q) => q.output_columns().and_then(|cols| {
                let mut seen = std::collections::HashSet::new();
                cols.into_iter()
                    .find(|c| !seen.insert(c.clone()))
                    .map(|c| format!("names the output column `{c}` twice (PostgreSQL names an unaliased expression after its function or column); give one an alias"))
            }),
        };
        if let Some(p) = problem {
            diags.push(
                Diagnostic::new(&META, format!("the query of view `{}` {p}", v.name))
                    .at_origin(&v.origin)
                    .help("fix the SQL; PostgreSQL would reject it when the migration runs"),
            );
        }
        for i in &v.indexes {
            for k in &i.keys {
                if let KeyExpr::Expr(e) = &k.expr {
                    test(diags, "index expression", e, &i.origin, Place::Immutable);
                }
            }
            if let Some(p) = &i.predicate {
                test(diags, "index predicate", p, &i.origin, Place::Immutable);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn unbalanced_and_bare_default() {
        let files = app("tables:\n  jobs:\n    columns:\n      status: { type: text, default: queued, check: \"status in ('a'\" }\n      n: { type: integer, default: 0 }\n      at: { type: timestamptz, default: now() }\n");
        assert_eq!(found(&refs(&files), "I104").len(), 2);
    }

    #[test]
    fn view_queries_are_parsed() {
        let files = app("tables:\n  jobs:\n    columns:\n      id: uuid\nviews:\n  a:\n    sql: select id from from jobs\n  b:\n    sql: select\n  c:\n    sql: select id from jobs; drop table jobs\n  d:\n    sql: select id from jobs\n  e:\n    sql: select id, count(*), count(id) from jobs group by id\n  f:\n    sql: select id, id::text from jobs\n  g:\n    sql: select *, id from jobs\n");
        assert_eq!(found(&refs(&files), "I104"), [(6, 3), (10, 3), (14, 3), (16, 3)]);
    }

    #[test]
    fn volatile_functions_are_refused_in_indexes_and_generated_columns() {
        let files = app("tables:\n  jobs:\n    columns:\n      id: uuid\n      at: timestamptz\n      g: { type: timestamptz, generated: \"now()\" }\n    checks:\n      - \"at <= now()\"\n    indexes:\n      - { columns: [id], where: \"at > now() - interval '1 day'\" }\n      - { columns: [\"(lower(id::text))\"] }\n");
        assert_eq!(found(&refs(&files), "I104").len(), 2);
    }

    #[test]
    fn subqueries_are_refused_where_postgresql_refuses_them() {
        let files = app("tables:\n  jobs:\n    columns:\n      id: uuid\n      n: { type: integer, check: \"n > (select 1)\" }\n");
        assert_eq!(found(&refs(&files), "I104").len(), 1);
    }
}
