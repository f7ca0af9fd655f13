//! Renames: a table, column or partition key renamed with `was:` keeps its
//! rows and everything built on it — keys, indexes, foreign keys pointing
//! at it, policies, partitions and what PostgreSQL cloned onto them —
//! renaming what carries a generated name, dropping nothing.

use super::*;

const LOG_V1: &str = "tables:\n  content_access_log:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      path: text\n      created_at: timestamptz\n    primary_key: [tenant_id, id, created_at]\n    indexes:\n      - [tenant_id, created_at desc]\n      - [lower(path)]\n    partition: { by: range(created_at), interval: month, from: 2025-01, count: 3, default: true }\n";
const SEED_LOG: &str = "INSERT INTO content_access_log (tenant_id, path, created_at) SELECT '{t}', '/p/' || g, timestamptz '2025-01-03' + g * interval '17 hours' FROM generate_series(1, 60) g; INSERT INTO content_access_log (tenant_id, path, created_at) VALUES ('{t}', '/late', '2026-06-01');";

scenario!(
    renaming_the_partition_key_column_renames_it_everywhere,
    Scenario {
        name: "rename_partition_key",
        versions: &[
            LOG_V1,
            "tables:\n  content_access_log:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      path: text\n      created: { type: timestamptz, was: created_at }\n    primary_key: [tenant_id, id, created]\n    indexes:\n      - [tenant_id, created desc]\n      - [lower(path)]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3, default: true }\n",
        ],
        seed: SEED_LOG,
        survive: &[(
            "SELECT string_agg(created_at::text, ',' ORDER BY created_at) FROM content_access_log",
            "SELECT string_agg(created::text, ',' ORDER BY created) FROM content_access_log"
        )],
        up_has: &["RENAME COLUMN \"created_at\" TO \"created\""],
        up_lacks: &[
            "DROP CONSTRAINT",
            "DROP INDEX",
            "ADD CONSTRAINT",
            "CREATE INDEX",
            "H108"
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    renaming_a_partitioned_table_renames_partitions_and_their_clones,
    Scenario {
        name: "rename_partitioned_clones",
        versions: &[
            LOG_V1,
            "tables:\n  access_logs:\n    was: content_access_log\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      path: text\n      created_at: timestamptz\n    primary_key: [tenant_id, id, created_at]\n    indexes:\n      - [tenant_id, created_at desc]\n      - [lower(path)]\n    partition: { by: range(created_at), interval: month, from: 2025-01, count: 3, default: true }\n",
        ],
        seed: SEED_LOG,
        survive: &[(
            "SELECT count(*) FROM content_access_log",
            "SELECT count(*) FROM access_logs"
        )],
        up_has: &[
            "ALTER TABLE \"public\".\"content_access_log_2025_01\" RENAME TO \"access_logs_2025_01\"",
            "ALTER INDEX \"public\".\"content_access_log_2025_01_pkey\" RENAME TO \"access_logs_2025_01_pkey\"",
            "RENAME CONSTRAINT \"content_access_log_tenant_id_fkey\" TO \"access_logs_tenant_id_fkey\"",
        ],
        up_lacks: &[
            "DROP CONSTRAINT",
            "DROP INDEX",
            "ADD CONSTRAINT",
            "CREATE INDEX"
        ],
        ..Scenario::DEFAULT
    }
);

const CONTACTS: &str = "tables:\n  contacts:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      owner: text?\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email]\n    checks:\n      - \"email like '%@%'\"\n    indexes:\n      - [tenant_id, email desc]\n      - { columns: [lower(email)], where: \"owner is not null\" }\n    policies:\n      own_rows: { as: restrictive, command: update, using: \"owner = current_user or owner is null\" }\n  calls:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      contact_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, contact_id], references: { table: contacts, column: [tenant_id, id] } }\n";
const SEED_CONTACTS: &str = "INSERT INTO contacts (id, tenant_id, email, owner) SELECT ('00000000-0000-0000-0000-0000000000' || lpad(g::text, 2, '0'))::uuid, '{t}', 'c' || g || '@x.io', CASE WHEN g % 2 = 0 THEN 'someone' END FROM generate_series(1, 30) g; INSERT INTO calls (tenant_id, contact_id) SELECT '{t}', ('00000000-0000-0000-0000-0000000000' || lpad(g::text, 2, '0'))::uuid FROM generate_series(1, 10) g;";

scenario!(
    renaming_a_column_renames_generated_names_instead_of_rebuilding,
    Scenario {
        name: "rename_column_names",
        versions: &[
            CONTACTS,
            "tables:\n  contacts:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email_address: { type: text, was: email }\n      owner: text?\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email_address]\n    checks:\n      - \"email_address like '%@%'\"\n    indexes:\n      - [tenant_id, email_address desc]\n      - { columns: [lower(email_address)], where: \"owner is not null\" }\n    policies:\n      own_rows: { as: restrictive, command: update, using: \"owner = current_user or owner is null\" }\n  calls:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      contact_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, contact_id], references: { table: contacts, column: [tenant_id, id] } }\n",
        ],
        seed: SEED_CONTACTS,
        survive: &[(
            "SELECT string_agg(email, ',' ORDER BY email) FROM contacts",
            "SELECT string_agg(email_address, ',' ORDER BY email_address) FROM contacts"
        )],
        up_has: &[
            "RENAME CONSTRAINT \"contacts_tenant_id_email_key\" TO \"contacts_tenant_id_email_address_key\"",
            "RENAME TO \"contacts_tenant_id_email_address_idx\"",
            "RENAME CONSTRAINT \"contacts_email_check\" TO \"contacts_email_address_check\"",
        ],
        up_lacks: &[
            "DROP CONSTRAINT",
            "DROP INDEX",
            "ADD CONSTRAINT",
            "CREATE INDEX",
            "DROP POLICY"
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    renaming_a_table_keeps_the_foreign_keys_that_point_at_it,
    Scenario {
        name: "rename_referenced_table",
        versions: &[
            CONTACTS,
            "tables:\n  people:\n    was: contacts\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: text\n      owner: text?\n    primary_key: [tenant_id, id]\n    unique:\n      - [tenant_id, email]\n    checks:\n      - \"email like '%@%'\"\n    indexes:\n      - [tenant_id, email desc]\n      - { columns: [lower(email)], where: \"owner is not null\" }\n    policies:\n      own_rows: { as: restrictive, command: update, using: \"owner = current_user or owner is null\" }\n  calls:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      contact_id: uuid\n    primary_key: [tenant_id, id]\n    foreign_keys:\n      - { columns: [tenant_id, contact_id], references: { table: people, column: [tenant_id, id] } }\n",
        ],
        seed: SEED_CONTACTS,
        survive: &[
            (
                "SELECT count(*) FROM contacts",
                "SELECT count(*) FROM people"
            ),
            (
                "SELECT count(*) FROM calls JOIN contacts ON contacts.id = calls.contact_id",
                "SELECT count(*) FROM calls JOIN people ON people.id = calls.contact_id"
            ),
        ],
        up_has: &["ALTER TABLE \"public\".\"contacts\" RENAME TO \"people\""],
        up_lacks: &[
            "DROP CONSTRAINT",
            "ADD CONSTRAINT",
            "DROP INDEX",
            "CREATE INDEX",
            "DROP POLICY"
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    renaming_a_referenced_key_column_keeps_the_foreign_key,
    Scenario {
        name: "rename_referenced_column",
        versions: &[
            "tables:\n  accounts:\n    tenancy: global\n    columns:\n      code: text\n      label: text\n    primary_key: [code]\n  invoices:\n    columns:\n      id: uuid\n      account: { type: text, references: accounts }\n    primary_key: [tenant_id, id]\n",
            "tables:\n  accounts:\n    tenancy: global\n    columns:\n      account_code: { type: text, was: code }\n      label: text\n    primary_key: [account_code]\n  invoices:\n    columns:\n      id: uuid\n      account_code: { type: text, was: account, references: accounts }\n    primary_key: [tenant_id, id]\n",
        ],
        seed: "INSERT INTO accounts VALUES ('a{n}', 'A'); INSERT INTO invoices (id, tenant_id, account) SELECT gen_random_uuid(), '{t}', 'a{n}' FROM generate_series(1, 5);",
        survive: &[(
            "SELECT count(*) FROM invoices WHERE account LIKE 'a_'",
            "SELECT count(*) FROM invoices WHERE account_code LIKE 'a_'"
        )],
        up_lacks: &["DROP CONSTRAINT \"invoices_account_fkey\"", "CREATE INDEX"],
        up_has: &["RENAME CONSTRAINT \"invoices_account_fkey\" TO \"invoices_account_code_fkey\""],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_column_renamed_twice_over_three_versions,
    Scenario {
        name: "rename_chain",
        versions: &[
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      mail: text\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, mail]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email: { type: text, was: mail }\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, email]\n",
            "tables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      email_address: { type: text, was: email }\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, email_address]\n",
        ],
        seed: "INSERT INTO leads (tenant_id, mail) SELECT '{t}', 'm' || g FROM generate_series(1, 12) g;",
        survive: &[(
            "SELECT string_agg(email, ',' ORDER BY email) FROM leads",
            "SELECT string_agg(email_address, ',' ORDER BY email_address) FROM leads"
        )],
        up_lacks: &["CREATE INDEX", "DROP INDEX"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    timestamp_columns_renamed_to_the_bare_convention,
    Scenario {
        name: "rename_timestamps",
        versions: &[
            "tables:\n  orders:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      total: numeric(12,2)\n      created_at: { type: timestamptz, default: now() }\n      updated_at: timestamptz?\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, created_at]\n    checks:\n      - updated_at is null or updated_at >= created_at\n",
            "tables:\n  orders:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      total: numeric(12,2)\n      created: { type: timestamptz, default: now(), was: created_at }\n      updated: { type: timestamptz?, was: updated_at }\n    primary_key: [tenant_id, id]\n    indexes:\n      - [tenant_id, created]\n    checks:\n      - updated is null or updated >= created\n",
        ],
        seed: "INSERT INTO orders (tenant_id, total, created_at, updated_at) SELECT '{t}', g * 1.5, timestamptz '2025-02-01' + g * interval '1 day', CASE WHEN g % 3 = 0 THEN timestamptz '2025-06-01' END FROM generate_series(1, 20) g;",
        survive: &[(
            "SELECT string_agg(created_at::text || '/' || coalesce(updated_at::text, '-'), ',' ORDER BY created_at) FROM orders",
            "SELECT string_agg(created::text || '/' || coalesce(updated::text, '-'), ',' ORDER BY created) FROM orders"
        )],
        up_lacks: &[
            "DROP CONSTRAINT",
            "ADD CONSTRAINT",
            "CREATE INDEX",
            "DROP INDEX"
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_table_renamed_to_the_plural_standard_with_a_view_over_it,
    Scenario {
        name: "rename_with_view",
        versions: &[
            "tables:\n  invoice:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n    primary_key: [tenant_id, id]\nviews:\n  big_invoices:\n    sql: select tenant_id, id, amount from invoice where amount > 100\n    security_invoker: true\n",
            "tables:\n  invoices:\n    was: invoice\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n    primary_key: [tenant_id, id]\nviews:\n  big_invoices:\n    sql: select tenant_id, id, amount from invoices where amount > 100\n    security_invoker: true\n",
        ],
        seed: "INSERT INTO invoice (tenant_id, amount) SELECT '{t}', g * 10 FROM generate_series(1, 30) g;",
        survive: &[
            (
                "SELECT count(*) FROM invoice",
                "SELECT count(*) FROM invoices"
            ),
            (
                "SELECT sum(amount) FROM big_invoices",
                "SELECT sum(amount) FROM big_invoices"
            ),
        ],
        ..Scenario::DEFAULT
    }
);

const BILLING_PLAIN: &str = "tables:\n  billing_analytics:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n";

scenario!(
    a_partitioned_twin_backfilled_then_renamed_over_the_original,
    Scenario {
        name: "twin_route",
        versions: &[
            BILLING_PLAIN,
            "tables:\n  billing_analytics:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n  billing_analytics_v2:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3, default: true }\n",
            "tables:\n  billing_analytics:\n    was: billing_analytics_v2\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      amount: integer\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 3, default: true }\n",
        ],
        allow: &["H101"],
        seed: "INSERT INTO billing_analytics (tenant_id, amount, created) SELECT '{t}', g, timestamptz '2025-01-01' + g * interval '2 days' FROM generate_series(1, 50) g;",
        after: &[(
            1,
            "INSERT INTO billing_analytics_v2 SELECT * FROM billing_analytics;"
        )],
        survive: &[(
            "SELECT sum(amount) FROM billing_analytics_v2",
            "SELECT sum(amount) FROM billing_analytics"
        )],
        up_has: &[
            "RENAME TO \"billing_analytics\"",
            "RENAME TO \"billing_analytics_2025_01\""
        ],
        ..Scenario::DEFAULT
    }
);
