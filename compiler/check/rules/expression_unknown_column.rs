//! I105: an expression or view names a column its table does not have.

use crate::check::expr::{self, ColumnRef};
use crate::check::{tables, views};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity, did_you_mean};
use crate::model::{ConstraintKind, KeyExpr, Origin, Project, Schema, Table};

pub const META: RuleMeta = RuleMeta {
    code: "I105",
    name: "expression-unknown-column",
    severity: Severity::Error,
    summary: "A check, default, generated column, index, predicate, policy or view names a column (or a table) the SQL cannot see.",
    why: "PostgreSQL only finds this when the migration runs, and the deploy stops halfway. schemac parses every expression with PostgreSQL's grammar and resolves each column reference against the table it belongs to (for a view, against the tables its FROM clause reads), so a misspelt column is an error at check time. A view that reads subqueries, functions or other views is resolved by the server when `plan --db` runs.",
    bad: "columns:\n  score: numeric(3,2)\nchecks:\n  - \"scor between -1 and 1\"\n",
    good: "columns:\n  score: numeric(3,2)\nchecks:\n  - \"score between -1 and 1\"\n",
};

/// Words that parse as column references but are not: `excluded` in
/// ON CONFLICT is not reachable here, so none today beyond system columns.
const SYSTEM_COLUMNS: &[&str] = &["ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"];

/// The references of `refs` that `table` cannot resolve, with why.
fn unresolved(schema: &Schema, table: &Table, refs: &[ColumnRef]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in refs {
        if r.long || SYSTEM_COLUMNS.contains(&r.name.as_str()) {
            continue;
        }
        match &r.qualifier {
            Some(q) if q != table.name.as_str() => out.push((
                q.clone(),
                format!("names `{q}.{}`, but only `{}`'s own columns are in scope", r.name, table.name),
            )),
            _ if r.name == "*" => {}
            _ if schema.column_of(table, &r.name).is_none() => out.push((
                r.name.clone(),
                format!("names `{}`, which `{}` does not have", r.name, table.name),
            )),
            _ => {}
        }
    }
    out
}

fn push(diags: &mut Diagnostics, what: &str, origin: &Origin, word: &str, why: &str, candidates: Vec<&str>) {
    let mut d = Diagnostic::new(&META, format!("{what} {why}")).at_origin(origin);
    d.help = did_you_mean(word, candidates)
        .map(|s| format!("did you mean `{s}`?"))
        .or(Some("a string value needs single quotes inside the expression: `'value'`".into()));
    diags.push(d);
}

/// Resolve a view's column references against the tables of its FROM clause.
fn check_view(schema: &Schema, sql: &expr::Sql, what: &str, origin: &Origin, diags: &mut Diagnostics) {
    let Some(sources) = sql.plain_sources() else { return };
    let mut from: Vec<(&str, &Table)> = Vec::new();
    for (name, alias, sch) in &sources {
        if !sch.is_empty() && sch != schema.name.as_str() {
            return;
        }
        match schema.table(name) {
            Some(t) => from.push((alias.as_deref().unwrap_or(t.name.as_str()), t)),
            // A view or a relation schemac does not know: the server resolves it.
            None => return,
        }
    }
    let outputs = sql.output_names();
    for r in sql.column_refs() {
        if r.long || r.name == "*" || SYSTEM_COLUMNS.contains(&r.name.as_str()) {
            continue;
        }
        match &r.qualifier {
            Some(q) => match from.iter().find(|(n, _)| *n == q.as_str()) {
                Some((_, t)) if schema.column_of(t, &r.name).is_none() => push(
                    diags,
                    what,
                    origin,
                    &r.name,
                    &format!("names `{q}.{}`, which `{}` does not have", r.name, t.name),
                    t.columns.iter().map(|c| c.name.as_str()).collect(),
                ),
                Some(_) => {}
                None => push(
                    diags,
                    what,
                    origin,
                    q,
                    &format!("names `{q}.{}`, but no table or alias `{q}` is in its FROM clause", r.name),
                    from.iter().map(|(n, _)| *n).collect(),
                ),
            },
            None => {
                if from.iter().any(|(_, t)| schema.column_of(t, &r.name).is_some()) || outputs.contains(&r.name) {
                    continue;
                }
                push(
                    diags,
                    what,
                    origin,
                    &r.name,
                    &format!("names `{}`, which none of the tables it reads has", r.name),
                    from.iter().flat_map(|(_, t)| t.columns.iter().map(|c| c.name.as_str())).collect(),
                );
            }
        }
    }
}

/// Relations a query (or a policy's subquery) reads that the tier does not
/// have: PostgreSQL would say the relation does not exist.
fn unknown_relations(schema: &Schema, sql: &expr::Sql, what: &str, origin: &Origin, diags: &mut Diagnostics) {
    let (rels, ctes) = sql.relations();
    for (sch, name) in rels {
        if !sch.is_empty() && sch != schema.name.as_str() {
            continue;
        }
        if schema.table(&name).is_some() || schema.view(&name).is_some() || ctes.contains(&name) {
            continue;
        }
        push(
            diags,
            what,
            origin,
            &name,
            &format!("reads `{name}`, which is not a table or view of schema `{}`", schema.name),
            schema.tables.iter().map(|t| t.name.as_str()).chain(schema.views.iter().map(|v| v.name.as_str())).collect(),
        );
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    let pg = project.postgres;
    for (tier, t) in tables(project) {
        let mut test = |what: &str, text: &str, origin: &Origin, subqueries_allowed: bool| {
            let Ok(e) = expr::expression(text, pg) else { return };
            if subqueries_allowed && e.has_subquery() {
                unknown_relations(&tier.schema, &e, what, origin, diags);
                // Columns of the subquery's own tables are in scope: left to the server.
                return;
            }
            for (word, why) in unresolved(&tier.schema, t, &e.column_refs()) {
                push(diags, what, origin, &word, &why, t.columns.iter().map(|c| c.name.as_str()).collect());
            }
        };
        for c in &t.columns {
            if let Some(g) = &c.generated {
                test("generated expression", g, &c.origin, false);
            }
        }
        for c in &t.constraints {
            match &c.kind {
                ConstraintKind::Check { expr, .. } => test("check", expr, &c.origin, false),
                ConstraintKind::Exclude { elements, predicate, .. } => {
                    for e in elements {
                        if let KeyExpr::Expr(x) = &e.key.expr {
                            test("exclusion expression", x, &c.origin, false);
                        }
                    }
                    if let Some(p) = predicate {
                        test("predicate", p, &c.origin, false);
                    }
                }
                _ => {}
            }
        }
        for i in &t.indexes {
            for k in &i.keys {
                if let KeyExpr::Expr(e) = &k.expr {
                    test("index expression", e, &i.origin, false);
                }
            }
            if let Some(p) = &i.predicate {
                test("index predicate", p, &i.origin, false);
            }
        }
        for p in &t.policies {
            for e in [&p.using, &p.with_check].into_iter().flatten() {
                test(&format!("policy `{}`", p.name), e, &p.origin, true);
            }
        }
    }
    for (tier, v) in views(project) {
        if let Ok(q) = expr::query(&v.sql, pg) {
            let what = format!("view `{}`", v.name);
            unknown_relations(&tier.schema, &q, &what, &v.origin, diags);
            check_view(&tier.schema, &q, &what, &v.origin, diags);
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

    #[test]
    fn inherited_columns_are_in_scope() {
        let files = app("tables:\n  notes:\n    columns:\n      title: text\n  minutes:\n    inherits: [notes]\n    columns:\n      held_on: date\n    checks:\n      - btrim(title) <> ''\n      - held_on > '2000-01-01' and titel is not null\nviews:\n  v:\n    sql: select title, held_on from minutes\n");
        assert_eq!(found(&refs(&files), "I105"), [(11, 9)]);
    }

    #[test]
    fn yaml_spellings_that_read_as_columns() {
        // `check: .nan` reads as the float NaN, written `NaN`: a column reference.
        let files = app("tables:\n  t:\n    columns:\n      n: { type: integer, check: \"n > NaN\" }\n      m: { type: integer, default: 0 }\n    indexes:\n      - { columns: [m], where: \"mm > 0\" }\n    policies:\n      p: { using: \"owner = current_user\" }\n");
        assert_eq!(found(&refs(&files), "I105").len(), 3);
    }

    #[test]
    fn view_columns_resolve_against_the_tables_read() {
        let files = app("tables:\n  deals:\n    columns:\n      id: uuid\n      amount: numeric\nviews:\n  a:\n    sql: select d.id, sum(d.amount) as total from deals d group by d.id order by total\n  b:\n    sql: select id, amout from deals\n  c:\n    sql: select x.id from deals d\n  e:\n    sql: select id from (select id from deals) s\n  f:\n    sql: select id from dealz\n  g:\n    sql: with x as (select id from deals) select id from x\n  h:\n    sql: select relname from pg_catalog.pg_class\n");
        assert_eq!(found(&refs(&files), "I105"), [(9, 3), (11, 3), (15, 3)]);
    }
}
