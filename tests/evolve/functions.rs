//! Functions: a body change is replaced in place; a result type change is
//! a drop and a create, with the default, check and policy that call the
//! function dropped first and re-created after — rows kept, rollback exact.

use super::*;

const NOTES_V1: &str = "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n      status: { type: text, default: default_status() }\n    checks:\n      - note_ok(body)\n    policies:\n      visible:\n        as: restrictive\n        command: select\n        using: note_ok(body)\nfunctions:\n  default_status:\n    returns: varchar\n    language: sql\n    volatility: immutable\n    body: select 'open'::varchar\n  note_ok:\n    args: [p_body text]\n    returns: boolean\n    language: sql\n    volatility: immutable\n    body: select length(p_body) > 0\n";
const SEED_NOTES: &str =
    "INSERT INTO notes (tenant_id, body) SELECT '{t}', 'note ' || g FROM generate_series(1, 20) g;";

scenario!(
    a_function_body_change_replaces_it_in_place,
    Scenario {
        name: "function_body_replaced",
        versions: &[
            NOTES_V1,
            "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n      status: { type: text, default: default_status() }\n    checks:\n      - note_ok(body)\n    policies:\n      visible:\n        as: restrictive\n        command: select\n        using: note_ok(body)\nfunctions:\n  default_status:\n    returns: varchar\n    language: sql\n    volatility: immutable\n    body: select 'open'::varchar\n  note_ok:\n    args: [p_body text]\n    returns: boolean\n    language: sql\n    volatility: immutable\n    body: select length(p_body) between 1 and 10000\n",
        ],
        seed: SEED_NOTES,
        survive: &[(
            "SELECT string_agg(body, ',' ORDER BY body) FROM notes",
            "SELECT string_agg(body, ',' ORDER BY body) FROM notes"
        )],
        up_has: &["CREATE OR REPLACE FUNCTION \"public\".\"note_ok\""],
        up_lacks: &["DROP FUNCTION", "DROP POLICY", "DROP CONSTRAINT"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_result_type_change_recreates_the_function_and_what_calls_it,
    Scenario {
        name: "function_result_changed",
        versions: &[
            NOTES_V1,
            "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n      status: { type: text, default: default_status() }\n    checks:\n      - note_ok(body)\n    policies:\n      visible:\n        as: restrictive\n        command: select\n        using: note_ok(body)\nfunctions:\n  default_status:\n    returns: text\n    language: sql\n    volatility: immutable\n    body: select 'open'::text\n  note_ok:\n    args: [p_body text]\n    returns: boolean\n    language: sql\n    volatility: immutable\n    body: select length(p_body) > 0\n",
        ],
        seed: SEED_NOTES,
        survive: &[(
            "SELECT string_agg(body || ':' || status, ',' ORDER BY body) FROM notes",
            "SELECT string_agg(body || ':' || status, ',' ORDER BY body) FROM notes"
        )],
        up_has: &[
            "DROP FUNCTION \"public\".\"default_status\"()",
            "DROP DEFAULT",
            "SET DEFAULT",
        ],
        up_lacks: &[
            "DROP POLICY",
            "CREATE OR REPLACE FUNCTION \"public\".\"note_ok\""
        ],
        ..Scenario::DEFAULT
    }
);

// `a_label` calls `z_clean` from a SQL body, which PostgreSQL checks when
// the function is created: `z_clean` must come first though it sorts last,
// and a policy and a default calling `a_label` come after both.
scenario!(
    a_sql_body_calling_another_function_comes_after_it,
    Scenario {
        name: "function_calls_function",
        versions: &[
            "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n",
            "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n    policies:\n      labelled:\n        as: restrictive\n        command: select\n        using: a_label(body) <> ''\n  labels:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      name: { type: text, default: \"a_label('  New ')\" }\nfunctions:\n  a_label:\n    args: [p_text text]\n    returns: text\n    language: sql\n    volatility: immutable\n    body: select upper(z_clean(p_text))\n  z_clean:\n    args: [p_text text]\n    returns: text\n    language: sql\n    volatility: immutable\n    body: select btrim(p_text)\n",
        ],
        seed: SEED_NOTES,
        survive: &[(
            "SELECT string_agg(body, ',' ORDER BY body) FROM notes",
            "SELECT string_agg(body, ',' ORDER BY body) FROM notes"
        )],
        up_has: &[
            "FUNCTION \"public\".\"z_clean\"",
            "FUNCTION \"public\".\"a_label\""
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_sql_body_reading_a_new_column_comes_after_it,
    Scenario {
        name: "function_reads_new_column",
        versions: &[
            "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n",
            "tables:\n  notes:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      body: text\n      title: text?\nfunctions:\n  note_title:\n    args: [p_id uuid]\n    returns: text\n    language: sql\n    volatility: stable\n    body: select coalesce(title, left(body, 20)) from notes where id = p_id\n",
        ],
        seed: SEED_NOTES,
        survive: &[(
            "SELECT string_agg(body, ',' ORDER BY body) FROM notes",
            "SELECT string_agg(note_title(id), ',' ORDER BY note_title(id)) FROM notes"
        )],
        up_has: &["ADD COLUMN \"title\"", "FUNCTION \"public\".\"note_title\""],
        ..Scenario::DEFAULT
    }
);
