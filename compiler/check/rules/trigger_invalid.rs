//! S104: a trigger PostgreSQL's `CREATE TRIGGER` refuses.

use crate::check::{expr, tables};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, Table, Trigger, View};

pub const META: RuleMeta = RuleMeta {
    code: "S104",
    name: "trigger-invalid",
    severity: Severity::Error,
    summary: "A trigger combines what PostgreSQL does not allow: `instead_of` on a table (or anything but `instead_of` for each row, or `before`/`after` for each statement, on a view; any trigger on a materialized view), a row-level `truncate`, a statement-level `when` reading `old`/`new`, transition tables outside a single-event `after` trigger (or on a row trigger of a partitioned table), a constraint trigger that is not `after` for each row, `deferrable` without `constraint`, or an `update of` column the table lacks.",
    why: "PostgreSQL rejects such a trigger when the migration runs. `INSTEAD OF` triggers belong to views; TRUNCATE fires once per statement, so it has no rows; a statement-level trigger sees no row, so its `WHEN` cannot read one, and an INSERT has no `old` row nor a DELETE a `new` one; transition tables (`referencing`) exist only for `AFTER` triggers on one event, without a column list, and not for row triggers of partitioned tables or inheritance children; constraint triggers are always `AFTER … FOR EACH ROW` and cannot have transition tables; and only a constraint trigger can be deferred.",
    bad: "triggers:\n  orders_purge: { timing: after, events: [truncate], function: log_purge }\n",
    good: "triggers:\n  orders_purge: { timing: after, events: [truncate], for_each: statement, function: log_purge }\n",
};

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for (_, t) in tables(project) {
        for tr in &t.triggers {
            for (msg, help) in problems(project.postgres, t, tr) {
                diags.push(
                    Diagnostic::new(&META, format!("trigger `{}` on `{}`: {msg}", tr.name, t.name))
                        .at_origin(&tr.origin)
                        .help(help),
                );
            }
        }
    }
    for tier in &project.tiers {
        for v in &tier.schema.views {
            for tr in &v.triggers {
                for (msg, help) in view_problems(v, tr) {
                    diags.push(
                        Diagnostic::new(&META, format!("trigger `{}` on view `{}`: {msg}", tr.name, v.name))
                            .at_origin(&tr.origin)
                            .help(help),
                    );
                }
            }
        }
    }
}

/// What PostgreSQL refuses of a trigger on a view: row triggers other than
/// `INSTEAD OF`, and `INSTEAD OF` triggers for statements, on TRUNCATE, with
/// `WHEN`, `UPDATE OF` columns or transition tables; constraint triggers;
/// any trigger on a materialized view.
fn view_problems(v: &View, tr: &Trigger) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut say = |m: &str, h: &str| out.push((m.to_string(), h.to_string()));
    if v.materialized {
        say("materialized views cannot have triggers", "put the trigger on the tables the view reads, or make it a plain view");
        return out;
    }
    if tr.events.is_empty() {
        say("it fires on no event", "list at least one of insert, update, delete");
    }
    if tr.events.iter().any(|e| e == "TRUNCATE") {
        say("views have no TRUNCATE", "fire on insert, update or delete");
    }
    if tr.constraint {
        say("constraint triggers are for tables, not views", "drop `constraint`");
    }
    if !tr.deferrable.is_no() {
        say("only a constraint trigger on a table can be deferred", "drop `deferrable`");
    }
    if tr.old_table.is_some() || tr.new_table.is_some() {
        say("views have no transition tables (`referencing`)", "drop `referencing`");
    }
    if tr.timing == "INSTEAD OF" {
        if !tr.row {
            say("`instead_of` triggers fire for each row", "use `for_each: row`");
        }
        if tr.when.is_some() {
            say("`instead_of` triggers cannot have `when`", "test the row in the function");
        }
        if !tr.columns.is_empty() {
            say("`instead_of` triggers cannot name `update of` columns", "fire on all updates, and compare old and new in the function");
        }
    } else if tr.row {
        say("a view's `before` and `after` triggers fire for each statement only", "use `for_each: statement`, or `timing: instead_of` for rows");
    }
    out
}

fn problems(pg: u32, t: &Table, tr: &Trigger) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut say = |m: &str, h: &str| out.push((m.to_string(), h.to_string()));
    let has = |e: &str| tr.events.iter().any(|x| x == e);
    let after = tr.timing == "AFTER";
    if tr.events.is_empty() {
        say("it fires on no event", "list at least one of insert, update, delete, truncate");
    }
    if tr.timing == "INSTEAD OF" {
        say("`instead_of` triggers are for views, not tables", "use `before` to change or skip the row");
    }
    if has("TRUNCATE") && tr.row {
        say("TRUNCATE fires once per statement, never for each row", "add `for_each: statement`, or fire the row trigger on delete");
    }
    if tr.constraint && !(after && tr.row) {
        say("a constraint trigger is always `after` and for each row", "use `timing: after` and `for_each: row`");
    }
    if !tr.constraint && !tr.deferrable.is_no() {
        say("only a constraint trigger can be deferred", "add `constraint: true`, or drop `deferrable`");
    }
    for c in &tr.columns {
        if t.column(c.as_str()).is_none() {
            say(&format!("`update of` names `{c}`, which the table does not have"), "name a column of the table");
        }
    }
    if tr.old_table.is_some() || tr.new_table.is_some() {
        let kinds = ["INSERT", "UPDATE", "DELETE"].iter().filter(|e| has(e)).count();
        if !after || tr.constraint {
            say("transition tables (`referencing`) need a plain `after` trigger", "use `timing: after` without `constraint`");
        }
        if has("TRUNCATE") || kinds != 1 {
            say("transition tables need exactly one event of insert, update, delete", "split the trigger into one per event");
        }
        if !tr.columns.is_empty() {
            say("transition tables cannot go with `update of` columns", "fire on all updates, and filter the transition table in the function");
        }
        if tr.new_table.is_some() && !(has("INSERT") || has("UPDATE")) {
            say("`new_table` needs an insert or update trigger", "drop `new_table`");
        }
        if tr.old_table.is_some() && !(has("DELETE") || has("UPDATE")) {
            say("`old_table` needs an update or delete trigger", "drop `old_table`");
        }
        if tr.row && (t.partitioning.is_some() || !t.inherits.is_empty()) {
            say("row triggers with transition tables are not supported on partitioned tables or inheritance children", "use `for_each: statement`");
        }
        if tr.old_table.is_some() && tr.old_table == tr.new_table {
            say("`old_table` and `new_table` have the same name", "give them different names");
        }
    }
    if let Some(w) = &tr.when {
        match expr::expression(w, pg) {
            Err(e) => say(&format!("`when` is not valid SQL: {e}"), "fix the condition"),
            Ok(e) => {
                let reads = |row: &str| {
                    e.column_refs().iter().any(|c| {
                        c.qualifier.as_deref().map(str::to_ascii_lowercase).as_deref() == Some(row)
                            || (c.qualifier.is_none() && c.name.eq_ignore_ascii_case(row))
                    })
                };
                let (old, new) = (reads("old"), reads("new"));
                if !tr.row && (old || new) {
                    say("a statement-level trigger's `when` cannot read `old` or `new`", "use `for_each: row`, or test the rows in the function");
                }
                if tr.row && old && !has("UPDATE") && !has("DELETE") {
                    say("an insert trigger's `when` cannot read `old`", "test `new` only");
                }
                if tr.row && new && !has("UPDATE") && !has("INSERT") {
                    say("a delete trigger's `when` cannot read `new`", "test `old` only");
                }
                if e.has_subquery() {
                    say("`when` holds a subquery, which PostgreSQL does not allow there", "move the query into the function");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    const FN: &str = "functions:\n  f:\n    returns: trigger\n    language: plpgsql\n    body: \"begin return null; end\"\n";

    fn with(triggers: &str) -> Vec<(&'static str, String)> {
        app(&format!(
            "{FN}tables:\n  orders:\n    columns:\n      id: {{ type: uuid, primary_key: true }}\n      status: text\n    triggers:\n{triggers}"
        ))
    }

    #[test]
    fn refused_forms() {
        let bad = [
            "      t: { timing: instead_of, events: [insert], function: f }\n",
            "      t: { timing: after, events: [truncate], function: f }\n",
            "      t: { timing: before, events: [insert], constraint: true, function: f }\n",
            "      t: { timing: after, events: [insert], deferrable: true, function: f }\n",
            "      t: { timing: after, events: [update of state], function: f }\n",
            "      t: { timing: before, events: [update], referencing: { old_table: gone }, function: f }\n",
            "      t: { timing: after, events: [insert, delete], referencing: { new_table: added }, function: f }\n",
            "      t: { timing: after, events: [update of status], referencing: { new_table: added }, function: f }\n",
            "      t: { timing: after, events: [insert], referencing: { old_table: gone }, function: f }\n",
            "      t: { timing: after, events: [update], for_each: statement, when: \"new.status <> 'x'\", function: f }\n",
            "      t: { timing: after, events: [insert], when: \"old.status is null\", function: f }\n",
            "      t: { timing: after, events: [delete], when: \"new.status is null\", function: f }\n",
            "      t: { timing: after, events: [update], when: \"new.status <>\", function: f }\n",
        ];
        for b in bad {
            assert_eq!(found(&refs(&with(b)), "S104"), [(12, 7)], "{b}");
        }
    }

    #[test]
    fn refused_forms_on_views() {
        let view = |materialized: bool, trigger: &str| {
            app(&format!(
                "{FN}tables:\n  orders:\n    columns:\n      id: {{ type: uuid, primary_key: true }}\n      status: text\nviews:\n  open_orders:\n    sql: select id, status from orders\n    materialized: {materialized}\n    triggers:\n{trigger}"
            ))
        };
        let bad = [
            "      t: { timing: instead_of, events: [insert], for_each: statement, function: f }\n",
            "      t: { timing: instead_of, events: [update], when: \"new.status <> 'x'\", function: f }\n",
            "      t: { timing: instead_of, events: [update of status], function: f }\n",
            "      t: { timing: instead_of, events: [truncate], function: f }\n",
            "      t: { timing: after, events: [update], function: f }\n",
            "      t: { timing: after, events: [insert], for_each: statement, referencing: { new_table: added }, function: f }\n",
            "      t: { timing: after, events: [insert], constraint: true, function: f }\n",
        ];
        for b in bad {
            assert!(!found(&refs(&view(false, b)), "S104").is_empty(), "{b}");
        }
        let good = [
            "      t: { timing: instead_of, events: [insert, update, delete], function: f }\n",
            "      t: { timing: before, events: [insert, update], for_each: statement, function: f }\n",
        ];
        for g in good {
            assert!(found(&refs(&view(false, g)), "S104").is_empty(), "{g}");
        }
        assert!(!found(&refs(&view(true, good[0])), "S104").is_empty(), "a materialized view");
    }

    #[test]
    fn row_transition_tables_on_a_partitioned_table() {
        let files = app(&format!(
            "{FN}tables:\n  events:\n    columns:\n      id: bigint\n      at: date\n    partition:\n      by: range(at)\n      interval: month\n      from: 2025-01\n      count: 1\n    triggers:\n      r: {{ timing: after, events: [update], referencing: {{ new_table: added }}, function: f }}\n      s: {{ timing: after, events: [update], for_each: statement, referencing: {{ new_table: added }}, function: f }}\n"
        ));
        assert_eq!(found(&refs(&files), "S104"), [(17, 7)]);
    }

    #[test]
    fn accepted_forms() {
        let good = "      a: { timing: after, events: [truncate], for_each: statement, function: f }\n      b: { timing: after, events: [update of status], when: \"old.status is distinct from new.status\", function: f }\n      c: { timing: after, events: [update], referencing: { old_table: gone, new_table: added }, for_each: statement, function: f }\n      d: { timing: after, events: [insert, update], constraint: true, deferrable: initially_deferred, function: f, args: [x, \"y z\"] }\n      e: { timing: before, events: [insert, update], for_each: row, enabled: replica, function: f }\n";
        check_ok(&refs(&with(good)));
    }
}
