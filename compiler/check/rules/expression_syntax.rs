//! I104: an SQL expression that cannot be right.

use crate::check::{tables, views};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::sql;
use crate::model::{ConstraintKind, KeyExpr, Origin, Project};

pub const META: RuleMeta = RuleMeta {
    code: "I104",
    name: "expression-syntax",
    severity: Severity::Error,
    summary: "An SQL expression (default, check, index, predicate, policy, view) has unbalanced quotes or parentheses, is empty, or is a DEFAULT that names a column.",
    why: "Such an expression fails when the migration runs, halfway through a deploy. A DEFAULT cannot reference columns in PostgreSQL, so `default: queued` almost always meant the string `'queued'`.",
    bad: "columns:\n  status: { type: text, default: queued, check: \"status in ('queued', 'sent'\" }\n",
    good: "columns:\n  status: { type: text, default: \"'queued'\", check: \"status in ('queued', 'sent')\" }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let test = |diags: &mut Diagnostics, what: &str, expr: &str, origin: &Origin| {
        let problem = if expr.trim().is_empty() {
            Some("is empty".to_string())
        } else {
            sql::words(expr).err()
        };
        if let Some(p) = problem {
            diags.push(
                Diagnostic::new(&META, format!("{what} `{expr}`: {p}"))
                    .at_origin(origin)
                    .help("fix the SQL; PostgreSQL would reject it when the migration runs"),
            );
        }
    };
    for (_, t) in tables(project) {
        for c in &t.columns {
            if let Some(d) = &c.default {
                test(diags, "default", d, &c.origin);
                if let Ok(words) = sql::column_words(d)
                    && let Some(w) = words.first()
                {
                    diags.push(
                        Diagnostic::new(&META, format!("default of `{}` names `{}`, but a DEFAULT cannot reference columns", c.name, w.text))
                            .at_origin(&c.origin)
                            .help(format!("for the text value write `default: \"'{}'\"`", d.trim())),
                    );
                }
            }
            if let Some(g) = &c.generated {
                test(diags, "generated expression", g, &c.origin);
            }
        }
        for c in &t.constraints {
            match &c.kind {
                ConstraintKind::Check { expr, .. } => test(diags, "check", expr, &c.origin),
                ConstraintKind::Exclude { predicate: Some(p), .. } => test(diags, "predicate", p, &c.origin),
                _ => {}
            }
        }
        for i in &t.indexes {
            for k in &i.keys {
                if let KeyExpr::Expr(e) = &k.expr {
                    test(diags, "index expression", e, &i.origin);
                }
            }
            if let Some(p) = &i.predicate {
                test(diags, "index predicate", p, &i.origin);
            }
        }
        for p in &t.policies {
            for e in [&p.using, &p.with_check].into_iter().flatten() {
                test(diags, "policy expression", e, &p.origin);
            }
        }
    }
    for (_, v) in views(project) {
        test(diags, "view query", &v.sql, &v.origin);
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
}
