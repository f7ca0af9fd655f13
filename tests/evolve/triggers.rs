//! Triggers: a rename with `was:` is `ALTER TRIGGER … RENAME`, not a drop and
//! a create; enabled state and comment change in place; a changed `WHEN` and
//! `UPDATE OF` list drop the trigger and create it again; a column dropped
//! with the trigger that fired on it goes after the trigger — rows kept,
//! rollback exact. The triggers write rows, so a migration that loses one
//! shows in what survives.

use super::*;

const FUNCTIONS: &str = "functions:\n  count_note:\n    returns: trigger\n    language: plpgsql\n    body: \"BEGIN UPDATE note_counts SET seen = seen + 1 WHERE tenant_id = NEW.tenant_id; RETURN NULL; END\"\n  stamp_note:\n    returns: trigger\n    language: plpgsql\n    body: \"BEGIN NEW.stamped := NEW.stamped + 1; RETURN NEW; END\"\n";

fn version(notes_triggers: &str, extra_column: &str) -> String {
    format!(
        "{FUNCTIONS}tables:\n  note_counts:\n    columns:\n      seen: {{ type: integer, default: \"0\" }}\n    primary_key: [tenant_id]\n  notes:\n    columns:\n      id: {{ type: uuid, primary_key: true, default: gen_random_uuid() }}\n      body: text\n      status: {{ type: text, default: \"'open'\" }}\n      stamped: {{ type: integer, default: \"0\" }}\n{extra_column}    triggers:\n{notes_triggers}"
    )
}

const SEED: &str = "INSERT INTO note_counts (tenant_id) VALUES ('{t}'); INSERT INTO notes (tenant_id, body) SELECT '{t}', 'note ' || g FROM generate_series(1, 10) g; UPDATE notes SET status = 'seen' WHERE body = 'note 1';";

const V1_TRIGGERS: &str = "      notes_counted: { timing: after, events: [insert], function: count_note, comment: Counts notes. }\n      notes_stamp:\n        timing: before\n        events: [update of status]\n        when: \"old.status is distinct from new.status\"\n        function: stamp_note\n";

/// Versions built at run time, kept for the test's duration.
fn versions(v: Vec<String>) -> &'static [&'static str] {
    let v: Vec<&'static str> = v
        .into_iter()
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    Box::leak(v.into_boxed_slice())
}

scenario!(
    a_trigger_renamed_with_was_is_altered_not_recreated,
    Scenario {
        name: "trigger_renamed",
        versions: versions(vec![
            version(V1_TRIGGERS, ""),
            version(
                "      notes_count: { timing: after, events: [insert], function: count_note, comment: Counts notes., was: notes_counted }\n      notes_stamp:\n        timing: before\n        events: [update of status]\n        when: \"old.status is distinct from new.status\"\n        function: stamp_note\n        enabled: always\n",
                ""
            ),
        ]),
        seed: SEED,
        // The row inserted after the rename is counted: the trigger still fires.
        survive: &[
            (
                "SELECT count(*) + 1 FROM notes",
                "SELECT seen FROM note_counts"
            ),
            (
                "SELECT sum(stamped) FROM notes",
                "SELECT sum(stamped) FROM notes"
            ),
        ],
        up_has: &[
            "ALTER TRIGGER \"notes_counted\" ON \"public\".\"notes\" RENAME TO \"notes_count\"",
            "ENABLE ALWAYS TRIGGER \"notes_stamp\"",
        ],
        up_lacks: &["DROP TRIGGER", "CREATE TRIGGER"],
        after: &[(
            1,
            "INSERT INTO notes (tenant_id, body) VALUES ('{t}', 'after rename');"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_changed_when_recreates_the_trigger_and_a_dropped_column_waits_for_it,
    Scenario {
        name: "trigger_when_changed",
        versions: versions(vec![
            version(
                &format!(
                    "{V1_TRIGGERS}      notes_legacy: {{ timing: before, events: [update of legacy], function: stamp_note }}\n"
                ),
                "      legacy: text?\n"
            ),
            version(
                "      notes_counted: { timing: after, events: [insert], function: count_note }\n      notes_stamp:\n        timing: before\n        events: [\"update of status, body\"]\n        when: \"old.status is distinct from new.status or old.body <> new.body\"\n        function: stamp_note\n",
                ""
            ),
        ]),
        allow: &["H102"],
        seed: SEED,
        survive: &[
            (
                "SELECT seen FROM note_counts",
                "SELECT seen FROM note_counts"
            ),
            (
                "SELECT sum(stamped) FROM notes",
                "SELECT sum(stamped) FROM notes"
            ),
        ],
        rollback_differs: &[],
        up_has: &[
            "DROP TRIGGER \"notes_stamp\"",
            "DROP TRIGGER \"notes_legacy\"",
            "UPDATE OF \"status\", \"body\"",
            "COMMENT ON TRIGGER \"notes_counted\" ON \"public\".\"notes\" IS NULL",
        ],
        up_lacks: &["DROP TRIGGER \"notes_counted\""],
        ..Scenario::DEFAULT
    }
);

const VIEW_FN: &str = "functions:\n  note_view_write:\n    returns: trigger\n    language: plpgsql\n    body: \"BEGIN UPDATE notes SET body = NEW.body WHERE id = OLD.id; RETURN NEW; END\"\n";
const VIEW_TABLE: &str = "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n";

scenario!(
    an_instead_of_trigger_makes_a_view_writable_and_survives_its_rebuild,
    Scenario {
        name: "view_trigger",
        versions: versions(vec![
            format!(
                "{VIEW_TABLE}views:\n  note_view:\n    sql: select distinct id, tenant_id, body from notes\n"
            ),
            format!(
                "{VIEW_FN}{VIEW_TABLE}views:\n  note_view:\n    sql: select distinct id, tenant_id, body from notes\n    triggers:\n      note_view_update: {{ timing: instead_of, events: [update], function: note_view_write, comment: writes through to notes }}\n"
            ),
            format!(
                "{VIEW_FN}{VIEW_TABLE}views:\n  note_view:\n    sql: select distinct id, tenant_id, body, length(body) as size from notes\n    triggers:\n      note_view_update: {{ timing: instead_of, events: [update], function: note_view_write, comment: writes through to notes }}\n"
            ),
        ]),
        seed: "INSERT INTO notes (tenant_id, body) SELECT '{t}', 'note ' || g FROM generate_series(1, 10) g;",
        // The view is not updatable by itself (DISTINCT): these writes go
        // through the trigger, after it is created and after the view is
        // rebuilt.
        after: &[
            (
                1,
                "UPDATE note_view SET body = body || '!' WHERE body = 'note 1';"
            ),
            (
                2,
                "UPDATE note_view SET body = body || '?' WHERE body = 'note 2';"
            ),
        ],
        survive: &[(
            "SELECT count(*) FROM notes",
            "SELECT count(*) FROM notes WHERE body NOT IN ('note 1', 'note 2')"
        )],
        up_has: &["INSTEAD OF UPDATE ON", "DROP VIEW"],
        ..Scenario::DEFAULT
    }
);
