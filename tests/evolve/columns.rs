//! Columns, types, defaults, identity, checks and keys: what PostgreSQL
//! needs in a certain order (a default before a type change, NOT NULL
//! before identity), downs that succeed on a table with rows, and hazards
//! that tell the truth.

use super::*;

scenario!(
    a_not_null_column_dropped_comes_back_nullable_in_the_down,
    Scenario {
        name: "drop_required_column",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      legacy_code: text\n    primary_key: [tenant_id, id]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &["H102"],
        seed: "INSERT INTO leads (tenant_id, email, legacy_code) SELECT '{t}', 'e' || g, 'L' || g FROM generate_series(1, 10) g;",
        survive: &[("SELECT count(*) FROM leads", "SELECT count(*) FROM leads")],
        rollback_differs: &["column leads.legacy_code "],
        up_has: &["adds it back empty and nullable"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_column_with_a_default_dropped_comes_back_with_it,
    Scenario {
        name: "drop_defaulted_column",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      status: { type: text, default: \"'new'\" }\n    primary_key: [tenant_id, id]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &["H102"],
        seed: "INSERT INTO leads (tenant_id, status) SELECT '{t}', 'old' FROM generate_series(1, 10);",
        survive: &[("SELECT count(*) FROM leads", "SELECT count(*) FROM leads")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_column_defaulting_to_now_is_added_without_a_rewrite_hazard,
    Scenario {
        name: "default_now",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      imported: { type: timestamptz, default: now() }\n      imported_on: { type: date, default: current_date }\n    primary_key: [tenant_id, id]\n",
        ],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        up_lacks: &["H104"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_column_with_a_volatile_default_is_a_rewrite_hazard,
    Scenario {
        name: "default_volatile",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n      token: { type: uuid, default: gen_random_uuid() }\n    primary_key: [tenant_id, id]\n",
        ],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        up_has: &["hazard H104"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_text_column_becomes_an_integer_with_its_default,
    Scenario {
        name: "text_to_integer",
        versions: &[
            "tables:\n  tasks:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      priority: { type: text, default: \"'5'\" }\n    primary_key: [tenant_id, id]\n",
            "tables:\n  tasks:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      priority: { type: integer, default: 5 }\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO tasks (tenant_id, priority) SELECT '{t}', (g % 9)::text FROM generate_series(1, 20) g; INSERT INTO tasks (tenant_id) VALUES ('{t}');",
        survive: &[(
            "SELECT sum(priority::integer) FROM tasks",
            "SELECT sum(priority) FROM tasks"
        )],
        up_has: &["hazard H103"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_retyped_column_keeps_its_unchanged_default,
    Scenario {
        name: "retype_keeps_default",
        versions: &[
            "tables:\n  counters:\n    columns:\n      id: uuid\n      hits: { type: integer, default: 0 }\n      label: { type: varchar(20), default: \"'none'\" }\n    primary_key: [tenant_id, id]\n",
            "tables:\n  counters:\n    columns:\n      id: uuid\n      hits: { type: bigint, default: 0 }\n      label: { type: text, default: \"'none'\" }\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO counters (id, tenant_id, hits) SELECT gen_random_uuid(), '{t}', g FROM generate_series(1, 10) g;",
        survive: &[(
            "SELECT sum(hits) || string_agg(label, '')  FROM counters",
            "SELECT sum(hits) || string_agg(label, '') FROM counters"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_varchar_is_narrowed,
    Scenario {
        name: "narrow_varchar",
        versions: &[
            "tables:\n  tags:\n    columns:\n      id: uuid\n      label: varchar(200)\n    primary_key: [tenant_id, id]\n",
            "tables:\n  tags:\n    columns:\n      id: uuid\n      label: varchar(50)\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO tags SELECT gen_random_uuid(), '{t}', 'tag' || g FROM generate_series(1, 10) g;",
        survive: &[(
            "SELECT string_agg(label, ',' ORDER BY label) FROM tags",
            "SELECT string_agg(label, ',' ORDER BY label) FROM tags"
        )],
        up_has: &["hazard H103"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    an_existing_column_becomes_an_identity,
    Scenario {
        name: "identity_on_existing",
        versions: &[
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: bigint?\n    primary_key: [tenant_id, id]\n",
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, identity: by_default }\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO tickets SELECT gen_random_uuid(), '{t}', g + 100 * {n} FROM generate_series(1, 10) g;",
        survive: &[(
            "SELECT sum(number) FROM tickets",
            "SELECT sum(number) FROM tickets"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_serial_column_becomes_an_identity_and_back,
    Scenario {
        name: "serial_to_identity",
        versions: &[
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, sequence: true }\n      label: text?\n    primary_key: [tenant_id, id]\n",
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, identity: by_default }\n      label: text?\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO tickets (id, tenant_id, label) SELECT gen_random_uuid(), '{t}', 'l' || g FROM generate_series(1, 10) g;",
        survive: &[(
            "SELECT sum(number) FROM tickets",
            "SELECT sum(number) FROM tickets"
        )],
        up_has: &["DROP DEFAULT", "ADD GENERATED BY DEFAULT AS IDENTITY"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_serial_column_becoming_an_identity_keeps_counting,
    Scenario {
        name: "serial_to_identity_next_value",
        versions: &[
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, sequence: true }\n      label: text?\n    primary_key: [tenant_id, id]\n    unique:\n      - { name: tickets_number_key, columns: [tenant_id, number] }\n",
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, identity: by_default }\n      label: text?\n    primary_key: [tenant_id, id]\n    unique:\n      - { name: tickets_number_key, columns: [tenant_id, number] }\n",
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, sequence: true }\n      label: text?\n    primary_key: [tenant_id, id]\n    unique:\n      - { name: tickets_number_key, columns: [tenant_id, number] }\n",
        ],
        seed: "INSERT INTO tickets (id, tenant_id, label) SELECT gen_random_uuid(), '{t}', 'a' || g FROM generate_series(1, 10) g;",
        // Rows written after each step take numbers past the old ones: an
        // identity restarting at 1, or a serial's new sequence, would collide.
        after: &[
            (
                1,
                "INSERT INTO tickets (id, tenant_id, label) SELECT gen_random_uuid(), '{t}', 'b' || g FROM generate_series(1, 10) g;"
            ),
            (
                2,
                "INSERT INTO tickets (id, tenant_id, label) SELECT gen_random_uuid(), '{t}', 'c' || g FROM generate_series(1, 10) g;"
            ),
        ],
        survive: &[
            (
                "SELECT count(DISTINCT number) = count(*) FROM tickets",
                "SELECT count(DISTINCT number) = count(*) FROM tickets"
            ),
            (
                "SELECT true",
                "SELECT min(number) FILTER (WHERE label LIKE 'c%') > max(number) FILTER (WHERE label LIKE 'b%') AND min(number) FILTER (WHERE label LIKE 'b%') > max(number) FILTER (WHERE label LIKE 'a%') FROM tickets"
            ),
        ],
        up_has: &["pg_catalog.setval"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_generated_column_gets_another_expression_with_its_index_and_check,
    Scenario {
        name: "generated_expression",
        versions: &[
            "tables:\n  lines:\n    columns:\n      id: uuid\n      qty: integer\n      unit_price: numeric(10,2)\n      net: { type: 'numeric(12,2)', generated: qty * unit_price }\n      note: text?\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, net]\n    checks:\n      - { name: lines_net_positive, expr: net >= 0 }\n",
            "tables:\n  lines:\n    columns:\n      id: uuid\n      qty: integer\n      unit_price: numeric(10,2)\n      net: { type: 'numeric(12,2)', generated: 'round(qty * unit_price * 1.2, 2)' }\n      note: text?\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, net]\n    checks:\n      - { name: lines_net_positive, expr: net >= 0 }\n",
        ],
        seed: "INSERT INTO lines (id, tenant_id, qty, unit_price) SELECT gen_random_uuid(), '{t}', g, g * {n} + 0.5 FROM generate_series(1, 20) g;",
        survive: &[(
            "SELECT sum(round(qty * unit_price * 1.2, 2)) FROM lines",
            "SELECT sum(net) FROM lines"
        )],
        up_has: &["DROP COLUMN \"net\"", "ADD COLUMN \"net\""],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_not_valid_check_and_foreign_key_are_validated_and_the_down_unvalidates_them,
    Scenario {
        name: "validate_constraints",
        versions: &[
            "tables:\n  accounts:\n    tenancy: global\n    columns:\n      id: uuid\n    primary_key: [id]\n  entries:\n    columns:\n      id: uuid\n      account_id: { type: uuid, references: { table: accounts, not_valid: true } }\n      amount: integer\n    primary_key: [tenant_id, id]\n    checks:\n      - { name: entries_amount_nonzero, expr: amount <> 0, not_valid: true }\n",
            "tables:\n  accounts:\n    tenancy: global\n    columns:\n      id: uuid\n    primary_key: [id]\n  entries:\n    columns:\n      id: uuid\n      account_id: { type: uuid, references: accounts }\n      amount: integer\n    primary_key: [tenant_id, id]\n    checks:\n      - { name: entries_amount_nonzero, expr: amount <> 0 }\n",
        ],
        seed: "INSERT INTO accounts VALUES ('00000000-0000-0000-0000-0000000000a{n}'); INSERT INTO entries SELECT gen_random_uuid(), '{t}', '00000000-0000-0000-0000-0000000000a{n}', g FROM generate_series(1, 10) g;",
        survive: &[(
            "SELECT sum(amount) FROM entries",
            "SELECT sum(amount) FROM entries"
        )],
        up_has: &["VALIDATE CONSTRAINT"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    an_identity_column_becomes_a_plain_nullable_one,
    Scenario {
        name: "identity_dropped",
        versions: &[
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: { type: bigint, identity: by_default }\n    primary_key: [tenant_id, id]\n",
            "tables:\n  tickets:\n    columns:\n      id: uuid\n      number: bigint?\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO tickets (id, tenant_id) SELECT gen_random_uuid(), '{t}' FROM generate_series(1, 10);",
        survive: &[(
            "SELECT count(number) FROM tickets",
            "SELECT count(number) FROM tickets"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_check_that_children_do_not_inherit,
    Scenario {
        name: "check_no_inherit",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n    checks:\n      - { name: leads_score_positive, expr: score > 0, no_inherit: true }\n",
        ],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        up_has: &["NO INHERIT"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_unique_index_becomes_a_unique_constraint_of_the_same_name,
    Scenario {
        name: "index_to_constraint",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n    indexes:\n      - { name: leads_email_key, columns: [tenant_id, email], unique: true }\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n    unique:\n      - { name: leads_email_key, columns: [tenant_id, email] }\n",
        ],
        seed: "INSERT INTO leads (tenant_id, email) SELECT '{t}', 'e' || g FROM generate_series(1, 10) g;",
        survive: &[("SELECT count(*) FROM leads", "SELECT count(*) FROM leads")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_unique_constraint_becomes_a_plain_index_of_the_same_name,
    Scenario {
        name: "constraint_to_index",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n    unique:\n      - { name: leads_email_key, columns: [tenant_id, email] }\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n    primary_key: [tenant_id, id]\n    indexes:\n      - { name: leads_email_key, columns: [tenant_id, email] }\n",
        ],
        seed: "INSERT INTO leads (tenant_id, email) SELECT '{t}', 'e' || g FROM generate_series(1, 10) g;",
        survive: &[("SELECT count(*) FROM leads", "SELECT count(*) FROM leads")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    the_primary_key_gains_a_column,
    Scenario {
        name: "primary_key_changed",
        versions: &[
            "tables:\n  regions:\n    tenancy: global\n    columns:\n      code: text\n      country: text\n    primary_key: [code]\n",
            "tables:\n  regions:\n    tenancy: global\n    columns:\n      code: text\n      country: text\n    primary_key: [country, code]\n",
        ],
        seed: "INSERT INTO regions VALUES ('r{n}', 'c{n}');",
        survive: &[(
            "SELECT count(*) FROM regions",
            "SELECT count(*) FROM regions"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    an_integer_column_references_a_bigint_key,
    Scenario {
        name: "fk_int_to_bigint",
        versions: &[
            "tables:\n  plans:\n    tenancy: global\n    columns:\n      id: { type: bigint, identity: always }\n      name: text\n    primary_key: [id]\n",
            "tables:\n  plans:\n    tenancy: global\n    columns:\n      id: { type: bigint, identity: always }\n      name: text\n    primary_key: [id]\n  subscriptions:\n    columns:\n      id: uuid\n      plan_id: { type: integer, references: plans }\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO plans (name) VALUES ('p{n}');",
        survive: &[("SELECT count(*) FROM plans", "SELECT count(*) FROM plans")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    two_new_tables_reference_each_other,
    Scenario {
        name: "fk_cycle",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n  teams:\n    columns:\n      id: uuid\n      lead_member_id: uuid?\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, lead_member_id], references: { table: members, column: [tenant_id, id] } }\n  members:\n    columns:\n      id: uuid\n      team_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, team_id], references: { table: teams, column: [tenant_id, id] } }\n",
        ],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        ..Scenario::DEFAULT
    }
);

scenario!(
    an_enum_rebuild_keeps_the_comment_on_the_type,
    Scenario {
        name: "enum_comment",
        versions: &[
            "enums:\n  ticket_state: { values: [open, pending, closed], comment: Where a ticket is. }\ntables:\n  tickets:\n    columns:\n      id: uuid\n      state: { type: ticket_state, default: \"'open'\" }\n    primary_key: [tenant_id, id]\n",
            "enums:\n  ticket_state: { values: [open, closed], comment: Where a ticket is. }\ntables:\n  tickets:\n    columns:\n      id: uuid\n      state: { type: ticket_state, default: \"'open'\" }\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &["H105"],
        seed: "INSERT INTO tickets (id, tenant_id, state) SELECT gen_random_uuid(), '{t}', (ARRAY['open', 'closed'])[1 + g % 2]::ticket_state FROM generate_series(1, 10) g;",
        survive: &[(
            "SELECT string_agg(state::text, ',' ORDER BY state) FROM tickets",
            "SELECT string_agg(state::text, ',' ORDER BY state) FROM tickets"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_retyped_column_under_a_view_and_a_materialized_view,
    Scenario {
        name: "retype_under_views",
        versions: &[
            "tables:\n  scores:\n    tenancy: global\n    columns:\n      id: uuid\n      points: integer\n    primary_key: [id]\nviews:\n  high_scores:\n    sql: select id, points from scores where points > 10\n  top_points:\n    sql: select max(points) as best from high_scores\n  score_totals:\n    materialized: true\n    sql: select sum(points) as total from scores\n",
            "tables:\n  scores:\n    tenancy: global\n    columns:\n      id: uuid\n      points: bigint\n    primary_key: [id]\nviews:\n  high_scores:\n    sql: select id, points from scores where points > 10\n  top_points:\n    sql: select max(points) as best from high_scores\n  score_totals:\n    materialized: true\n    sql: select sum(points) as total from scores\n",
        ],
        seed: "INSERT INTO scores SELECT gen_random_uuid(), g * {n} FROM generate_series(1, 30) g;",
        survive: &[("SELECT best FROM top_points", "SELECT best FROM top_points")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_column_is_added_in_the_middle_of_the_table,
    Scenario {
        name: "column_in_the_middle",
        versions: &[
            LEADS,
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      name: text?\n      email: text\n      score: integer?\n    primary_key: [tenant_id, id]\n",
        ],
        seed: SEED_LEADS,
        survive: &[LEADS_COUNT],
        up_has: &["-- note: "],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_numeric_column_gets_more_precision_and_a_timestamp_a_time_zone,
    Scenario {
        name: "widen_and_zone",
        versions: &[
            "tables:\n  payments:\n    columns:\n      id: uuid\n      amount: numeric(10,2)\n      paid: timestamp\n    primary_key: [tenant_id, id]\n",
            "tables:\n  payments:\n    columns:\n      id: uuid\n      amount: numeric(14,2)\n      paid: timestamptz\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO payments SELECT gen_random_uuid(), '{t}', g * 1.25, timestamp '2025-01-01 10:00' + g * interval '1 hour' FROM generate_series(1, 10) g;",
        survive: &[(
            "SELECT sum(amount) FROM payments",
            "SELECT sum(amount) FROM payments"
        )],
        ..Scenario::DEFAULT
    }
);
