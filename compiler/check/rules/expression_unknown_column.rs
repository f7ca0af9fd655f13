//! I105: an expression names a column the table does not have.

use crate::check::tables;
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity, did_you_mean};
use crate::model::sql;
use crate::model::{ConstraintKind, KeyExpr, Origin, Project, Table};

pub const META: RuleMeta = RuleMeta {
    code: "I105",
    name: "expression-unknown-column",
    severity: Severity::Warning,
    summary: "A check, generated column, index expression or predicate names a column the table does not have.",
    why: "PostgreSQL only finds this when the migration runs. The check is lexical (it does not parse SQL), so it is a warning; silence a false positive by quoting the word or turning the rule off for the project.",
    bad: "columns:\n  score: numeric(3,2)\nchecks:\n  - \"scor between -1 and 1\"\n",
    good: "columns:\n  score: numeric(3,2)\nchecks:\n  - \"score between -1 and 1\"\n",
};

/// Field names of `extract(… from …)` and similar that lex like columns.
const FIELDS: &[&str] = &[
    "epoch", "dow", "doy", "isodow", "isoyear", "quarter", "week", "century", "decade",
    "millennium", "microseconds", "milliseconds", "timezone", "timezone_hour", "timezone_minute",
    "julian", "excluded",
];

fn unknown(table: &Table, expr: &str) -> Vec<String> {
    let Ok(words) = sql::column_words(expr) else { return Vec::new() };
    words
        .into_iter()
        .filter(|w| table.column(&w.text).is_none() && (w.quoted || !FIELDS.contains(&w.text.as_str())))
        .map(|w| w.text)
        .collect()
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        let mut test = |what: &str, expr: &str, origin: &Origin| {
            if !matches!(origin, Origin::Yaml(_)) {
                return;
            }
            for w in unknown(t, expr) {
                let mut d = Diagnostic::new(&META, format!("{what} names `{w}`, which `{}` does not have", t.name))
                    .at_origin(origin);
                d.help = did_you_mean(&w, t.columns.iter().map(|c| c.name.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or(Some("quote it if it is not a column".into()));
                diags.push(d);
            }
        };
        for c in &t.columns {
            if let Some(g) = &c.generated {
                test("generated expression", g, &c.origin);
            }
        }
        for c in &t.constraints {
            match &c.kind {
                ConstraintKind::Check { expr, .. } => test("check", expr, &c.origin),
                ConstraintKind::Exclude { predicate: Some(p), .. } => test("predicate", p, &c.origin),
                _ => {}
            }
        }
        for i in &t.indexes {
            for k in &i.keys {
                if let KeyExpr::Expr(e) = &k.expr {
                    test("index expression", e, &i.origin);
                }
            }
            if let Some(p) = &i.predicate {
                test("index predicate", p, &i.origin);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn misspelt_column_in_check() {
        let files = app("tables:\n  activities:\n    columns:\n      score: numeric(3,2)\n      at: timestamptz\n    checks:\n      - scor between -1 and 1\n      - extract(epoch from at) > 0\n");
        let d = diagnostics(&refs(&files));
        let i: Vec<_> = d.iter().filter(|d| d.code == "I105").collect();
        assert_eq!(i.len(), 1);
        assert_eq!(i[0].help.as_deref(), Some("did you mean `score`?"));
    }
}
