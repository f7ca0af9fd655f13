//! Repartitioning keeps every row: plain to partitioned and back, another
//! key or strategy, a sub-partition level added or removed, hash partitions
//! re-counted — the table is rebuilt beside itself, filled and swapped, and
//! the down migration does the same the other way.

use super::*;

const BILLING: &str = "tables:\n  billing_analytics:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    indexes:\n      - [tenant_id, created desc]\n";
const SEED_BILLING: &str = "INSERT INTO billing_analytics (tenant_id, amount, kind, created) SELECT '{t}', g * {n}, (ARRAY['card','wire','cash'])[1 + g % 3], timestamptz '2025-01-01' + g * interval '3 days' FROM generate_series(1, 45) g; INSERT INTO billing_analytics (tenant_id, amount, kind, created) VALUES ('{t}', 7, 'card', '2024-06-01');";
const BILLING_SUM: (&str, &str) = (
    "SELECT string_agg(amount::text || kind || created::text, ',' ORDER BY created, amount) FROM billing_analytics",
    "SELECT string_agg(amount::text || kind || created::text, ',' ORDER BY created, amount) FROM billing_analytics",
);
const BILLING_MONTHLY: &str = "tables:\n  billing_analytics:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    indexes:\n      - [tenant_id, created desc]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 6, default: true }\n";

scenario!(
    a_plain_table_becomes_monthly_partitioned_with_its_rows,
    Scenario {
        name: "plain_to_monthly",
        versions: &[BILLING, BILLING_MONTHLY],
        seed: SEED_BILLING,
        survive: &[BILLING_SUM],
        up_has: &[
            "H108",
            "INSERT INTO \"schemac_rebuild_billing_analytics\".\"billing_analytics\""
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_monthly_partitioned_table_becomes_plain_again,
    Scenario {
        name: "monthly_to_plain",
        versions: &[BILLING_MONTHLY, BILLING],
        seed: SEED_BILLING,
        survive: &[BILLING_SUM],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_plain_table_becomes_list_partitioned,
    Scenario {
        name: "plain_to_list",
        versions: &[
            "tables:\n  billing_analytics:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, kind]\n    indexes:\n      - [tenant_id, created desc]\n",
            "tables:\n  billing_analytics:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, kind]\n    indexes:\n      - [tenant_id, created desc]\n    partition: { by: list(kind), values: { card: [card], bank: [wire, sepa] }, default: true }\n",
        ],
        seed: SEED_BILLING,
        survive: &[BILLING_SUM],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_plain_table_becomes_hash_partitioned,
    Scenario {
        name: "plain_to_hash",
        versions: &[
            BILLING,
            "tables:\n  billing_analytics:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    indexes:\n      - [tenant_id, created desc]\n    partition: { by: hash(tenant_id), modulus: 4 }\n",
        ],
        seed: SEED_BILLING,
        survive: &[BILLING_SUM],
        ..Scenario::DEFAULT
    }
);

scenario!(
    hash_partitions_are_recounted,
    Scenario {
        name: "hash_recount",
        versions: &[
            "tables:\n  sessions:\n    columns:\n      id: uuid\n      seen: timestamptz\n    primary_key: [tenant_id, id]\n    partition: { by: hash(id), modulus: 4 }\n",
            "tables:\n  sessions:\n    columns:\n      id: uuid\n      seen: timestamptz\n    primary_key: [tenant_id, id]\n    partition: { by: hash(id), modulus: 8 }\n",
        ],
        seed: "INSERT INTO sessions SELECT gen_random_uuid(), '{t}', now() FROM generate_series(1, 80);",
        survive: &[(
            "SELECT count(*) FROM sessions",
            "SELECT count(*) FROM sessions"
        )],
        ..Scenario::DEFAULT
    }
);

const JOBS_MONTHLY: &str = "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      payload: jsonb?\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    indexes:\n      - [tenant_id, queue]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3 }\n";
const JOBS_SUB: &str = "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      payload: jsonb?\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    indexes:\n      - [tenant_id, queue]\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 3\n      then: { by: list(queue), values: { email: [email-sending], analytics: [analytics-refresh] }, default: true }\n";
const SEED_JOBS: &str = "INSERT INTO jobs (id, tenant_id, queue, payload, created) SELECT gen_random_uuid(), '{t}', (ARRAY['email-sending', 'analytics-refresh', 'webhooks'])[1 + g % 3], jsonb_build_object('n', g), timestamptz '2025-01-01' + g * interval '1 day' FROM generate_series(1, 80) g;";
const JOBS_ROWS: (&str, &str) = (
    "SELECT string_agg(queue || (payload->>'n'), ',' ORDER BY created) FROM jobs",
    "SELECT string_agg(queue || (payload->>'n'), ',' ORDER BY created) FROM jobs",
);

scenario!(
    monthly_partitions_get_list_sub_partitions,
    Scenario {
        name: "add_sub_level",
        versions: &[JOBS_MONTHLY, JOBS_SUB],
        seed: SEED_JOBS,
        survive: &[JOBS_ROWS],
        up_lacks: &["hazard H106"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    list_sub_partitions_are_removed_again,
    Scenario {
        name: "remove_sub_level",
        versions: &[JOBS_SUB, JOBS_MONTHLY],
        seed: SEED_JOBS,
        survive: &[JOBS_ROWS],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_sub_partition_group_is_added_under_every_month,
    Scenario {
        name: "sub_group_added",
        versions: &[
            JOBS_SUB,
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      payload: jsonb?\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    indexes:\n      - [tenant_id, queue]\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 3\n      then: { by: list(queue), values: { email: [email-sending], analytics: [analytics-refresh], hooks: [webhooks] }, default: true }\n",
        ],
        seed: SEED_JOBS,
        survive: &[
            JOBS_ROWS,
            (
                "SELECT count(*) FROM jobs_2025_01_default WHERE queue = 'webhooks'",
                "SELECT count(*) FROM jobs_2025_01_hooks"
            ),
        ],
        up_lacks: &["hazard H106", "H108"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    the_partition_key_changes_to_another_column,
    Scenario {
        name: "key_change",
        versions: &[
            "tables:\n  deliveries:\n    columns:\n      id: uuid\n      created: timestamptz\n      scheduled: timestamptz\n    primary_key: [tenant_id, id, created, scheduled]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3, default: true }\n",
            "tables:\n  deliveries:\n    columns:\n      id: uuid\n      created: timestamptz\n      scheduled: timestamptz\n    primary_key: [tenant_id, id, created, scheduled]\n    partition: { by: range(scheduled), interval: month, from: 2025-01, count: 3, default: true }\n",
        ],
        seed: "INSERT INTO deliveries SELECT gen_random_uuid(), '{t}', timestamptz '2025-01-01' + g * interval '1 day', timestamptz '2025-02-15' + g * interval '1 day' FROM generate_series(1, 50) g;",
        survive: &[(
            "SELECT string_agg(created::text || scheduled::text, ',' ORDER BY created) FROM deliveries",
            "SELECT string_agg(created::text || scheduled::text, ',' ORDER BY created) FROM deliveries"
        )],
        up_has: &["H108"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    list_partitioning_becomes_range_partitioning,
    Scenario {
        name: "strategy_change",
        versions: &[
            "tables:\n  events:\n    columns:\n      id: uuid\n      region: text\n      created: timestamptz\n    primary_key: [tenant_id, id, region, created]\n    partition: { by: list(region), values: { eu: [eu], us: [us] }, default: true }\n",
            "tables:\n  events:\n    columns:\n      id: uuid\n      region: text\n      created: timestamptz\n    primary_key: [tenant_id, id, region, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n",
        ],
        seed: "INSERT INTO events SELECT gen_random_uuid(), '{t}', (ARRAY['eu','us','apac'])[1 + g % 3], timestamptz '2025-01-01' + g * interval '2 days' FROM generate_series(1, 40) g;",
        survive: &[(
            "SELECT string_agg(region || created::text, ',' ORDER BY created) FROM events",
            "SELECT string_agg(region || created::text, ',' ORDER BY created) FROM events"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_repartitioned_table_keeps_its_view_identity_and_references,
    Scenario {
        name: "repartition_dependents",
        versions: &[
            "tables:\n  invoices:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      number: { type: bigint, identity: always }\n      issued: date\n      amount: integer\n    primary_key: [tenant_id, id, issued]\n  payments:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      invoice_id: uuid\n      invoice_issued: date\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, invoice_id, invoice_issued], references: { table: invoices, column: [tenant_id, id, issued] } }\nviews:\n  open_invoices:\n    sql: select tenant_id, id, number, amount from invoices where amount > 0\n    security_invoker: true\n",
            "tables:\n  invoices:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      number: { type: bigint, identity: always }\n      issued: date\n      amount: integer\n    primary_key: [tenant_id, id, issued]\n    partition: { by: range(issued), interval: year, from: 2024-01-01, count: 3, default: true }\n  payments:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      invoice_id: uuid\n      invoice_issued: date\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, invoice_id, invoice_issued], references: { table: invoices, column: [tenant_id, id, issued] } }\nviews:\n  open_invoices:\n    sql: select tenant_id, id, number, amount from invoices where amount > 0\n    security_invoker: true\n",
        ],
        seed: "INSERT INTO invoices (id, tenant_id, issued, amount) SELECT ('00000000-0000-0000-0000-0000000000' || lpad(g::text, 2, '0'))::uuid, '{t}', date '2024-03-01' + g * 20, g - 5 FROM generate_series(1, 40) g; INSERT INTO payments (tenant_id, invoice_id, invoice_issued) SELECT '{t}', id, issued FROM invoices WHERE amount > 10;",
        // The identity goes on where it was: a new row repeats no number.
        after: &[(
            1,
            "INSERT INTO invoices (tenant_id, issued, amount) VALUES ('{t}', '2025-05-05', 3); DO $$ BEGIN IF (SELECT count(DISTINCT number) FROM invoices) <> (SELECT count(*) FROM invoices) THEN RAISE 'identity restarted'; END IF; END $$;"
        )],
        survive: &[
            (
                "SELECT string_agg(number::text || amount::text, ',' ORDER BY number) FROM open_invoices WHERE amount > 5",
                "SELECT string_agg(number::text || amount::text, ',' ORDER BY number) FROM open_invoices WHERE amount > 5"
            ),
            (
                "SELECT count(*) FROM payments JOIN invoices ON invoices.id = payments.invoice_id",
                "SELECT count(*) FROM payments JOIN invoices ON invoices.id = payments.invoice_id"
            ),
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_repartition_with_a_column_renamed_in_the_same_step,
    Scenario {
        name: "repartition_and_rename",
        versions: &[
            "tables:\n  clicks:\n    columns:\n      id: uuid\n      url: text\n      created_at: timestamptz\n    primary_key: [tenant_id, id, created_at]\n",
            "tables:\n  clicks:\n    columns:\n      id: uuid\n      target: { type: text, was: url }\n      created_at: timestamptz\n    primary_key: [tenant_id, id, created_at]\n    partition: { by: range(created_at), interval: month, from: 2025-01, count: 2, default: true }\n",
        ],
        seed: "INSERT INTO clicks SELECT gen_random_uuid(), '{t}', '/u/' || g, timestamptz '2025-01-01' + g * interval '1 day' FROM generate_series(1, 50) g;",
        survive: &[(
            "SELECT string_agg(url, ',' ORDER BY url) FROM clicks",
            "SELECT string_agg(target, ',' ORDER BY target) FROM clicks"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    monthly_partitioning_then_sub_partitions_then_plain_again,
    Scenario {
        name: "repartition_chain",
        versions: &[
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      payload: jsonb?\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    indexes:\n      - [tenant_id, queue]\n",
            JOBS_MONTHLY,
            JOBS_SUB,
        ],
        seed: SEED_JOBS,
        survive: &[JOBS_ROWS],
        ..Scenario::DEFAULT
    }
);
