//! S104: a trigger PostgreSQL's `CREATE TRIGGER` refuses.

use crate::check::{expr, tables};
use crate::diag::{Diagnostic, Diagnostics, RuleMeta, Severity};
use crate::model::{Project, Table, Trigger};

pub const META: RuleMeta = RuleMeta {
    code: "S104",
    name: "trigger-invalid",
    severity: Severity::Error,
    summary: "A trigger combines what PostgreSQL does not allow: `instead_of` on a table, a row-level `truncate`, a statement-level `when` reading `old`/`new`, transition tables outside a single-event `after` trigger (or on a row trigger of a partitioned table), a constraint trigger that is not `after` for each row, `deferrable` without `constraint`, or an `update of` column the table lacks.",
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
