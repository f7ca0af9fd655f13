//! Partitioned tables evolving within their layout: partitions added beside
//! a default that holds their rows (which move), partitions removed beside
//! one (whose rows move into it), and columns, indexes and keys added to
//! range, list, hash and sub-partitioned tables, whose partitions' clones
//! get the names a fresh build gives them.

use super::*;

const QUEUE_V1: &str = "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      state: text\n    primary_key: [tenant_id, id, queue]\n    indexes:\n      - [tenant_id, state]\n    partition: { by: list(queue), values: { email: [email-sending] }, default: true }\n";
const SEED_QUEUE: &str = "INSERT INTO jobs SELECT gen_random_uuid(), '{t}', (ARRAY['email-sending', 'analytics-refresh', 'webhooks'])[1 + g % 3], 'queued' FROM generate_series(1, 30) g;";

scenario!(
    a_list_partition_added_takes_its_rows_from_the_default,
    Scenario {
        name: "list_group_from_default",
        versions: &[
            QUEUE_V1,
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      state: text\n    primary_key: [tenant_id, id, queue]\n    indexes:\n      - [tenant_id, state]\n    partition: { by: list(queue), values: { email: [email-sending], analytics: [analytics-refresh] }, default: true }\n",
        ],
        seed: SEED_QUEUE,
        survive: &[
            ("SELECT count(*) FROM jobs", "SELECT count(*) FROM jobs"),
            (
                "SELECT count(*) FROM jobs WHERE queue = 'analytics-refresh'",
                "SELECT count(*) FROM jobs_analytics"
            ),
        ],
        up_has: &["DETACH PARTITION \"public\".\"jobs_default\""],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_list_partition_removed_gives_its_rows_to_the_default,
    Scenario {
        name: "list_group_to_default",
        versions: &[
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      state: text\n    primary_key: [tenant_id, id, queue]\n    indexes:\n      - [tenant_id, state]\n    partition: { by: list(queue), values: { email: [email-sending], analytics: [analytics-refresh] }, default: true }\n",
            QUEUE_V1,
        ],
        seed: SEED_QUEUE,
        survive: &[
            ("SELECT count(*) FROM jobs", "SELECT count(*) FROM jobs"),
            (
                "SELECT count(*) FROM jobs_analytics",
                "SELECT count(*) FROM jobs_default WHERE queue = 'analytics-refresh'"
            ),
        ],
        up_lacks: &["hazard H106"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    months_added_take_their_rows_from_the_default,
    Scenario {
        name: "months_from_default",
        versions: &[
            EVENTS_V1,
            "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 4, default: true }\n",
        ],
        seed: "INSERT INTO events (tenant_id, kind, created) SELECT '{t}', 'k' || g, timestamptz '2025-01-01' + g * interval '2 days' FROM generate_series(1, 55) g;",
        survive: &[
            ("SELECT count(*) FROM events", "SELECT count(*) FROM events"),
            (
                "SELECT count(*) FROM events WHERE created >= '2025-03-01' AND created < '2025-04-01'",
                "SELECT count(*) FROM events_2025_03"
            ),
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    an_explicit_range_is_added_beside_the_default,
    Scenario {
        name: "range_values_added",
        versions: &[
            "tables:\n  orders:\n    columns:\n      id: uuid\n      amount: integer\n    primary_key: [tenant_id, id, amount]\n    partition: { by: range(amount), values: { small: [0, 100], medium: [100, 1000] }, default: true }\n",
            "tables:\n  orders:\n    columns:\n      id: uuid\n      amount: integer\n    primary_key: [tenant_id, id, amount]\n    partition: { by: range(amount), values: { small: [0, 100], medium: [100, 1000], large: [1000, 100000] }, default: true }\n",
        ],
        seed: "INSERT INTO orders SELECT gen_random_uuid(), '{t}', g * g * 7 FROM generate_series(1, 40) g;",
        survive: &[
            (
                "SELECT sum(amount) FROM orders",
                "SELECT sum(amount) FROM orders"
            ),
            (
                "SELECT count(*) FROM orders WHERE amount >= 1000 AND amount < 100000",
                "SELECT count(*) FROM orders_large"
            ),
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_sub_partitioned_table_gets_a_column_and_an_index,
    Scenario {
        name: "sub_partitioned_index",
        versions: &[
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 2\n      then: { by: list(queue), values: { email: [email-sending], analytics: [analytics-refresh] }, default: true }\n",
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      created: timestamptz\n      labels: { type: \"text[]\", default: \"'{}'\" }\n    primary_key: [tenant_id, id, created, queue]\n    indexes:\n      - { columns: [labels], using: gin }\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 2\n      then: { by: list(queue), values: { email: [email-sending], analytics: [analytics-refresh] }, default: true }\n",
        ],
        seed: "INSERT INTO jobs SELECT gen_random_uuid(), '{t}', (ARRAY['email-sending', 'analytics-refresh', 'other'])[1 + g % 3], timestamptz '2025-01-01' + g * interval '1 day' FROM generate_series(1, 50) g;",
        survive: &[("SELECT count(*) FROM jobs", "SELECT count(*) FROM jobs")],
        up_has: &["\"jobs_2025_01_analytics_labels_idx\""],
        up_lacks: &["jobs_2025_01_analytics_jobs"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_hash_partitioned_table_gets_an_expression_index_with_included_columns,
    Scenario {
        name: "hash_expression_index",
        versions: &[
            "tables:\n  users:\n    columns:\n      id: uuid\n      email: text\n      name: text\n    primary_key: [tenant_id, id]\n    partition: { by: hash(id), modulus: 3 }\n",
            "tables:\n  users:\n    columns:\n      id: uuid\n      email: text\n      name: text\n    primary_key: [tenant_id, id]\n    indexes:\n      - { columns: [tenant_id, lower(email)], include: [name] }\n    partition: { by: hash(id), modulus: 3 }\n",
        ],
        seed: "INSERT INTO users SELECT gen_random_uuid(), '{t}', 'U' || g || '@x.io', 'n' || g FROM generate_series(1, 30) g;",
        survive: &[("SELECT count(*) FROM users", "SELECT count(*) FROM users")],
        up_has: &["\"users_p0_tenant_id_lower_name_idx\""],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_partitioned_table_gets_a_unique_key_and_a_foreign_key,
    Scenario {
        name: "partitioned_keys",
        versions: &[
            "tables:\n  projects:\n    columns:\n      id: uuid\n      name: text\n    primary_key: [tenant_id, id]\n  tasks:\n    columns:\n      id: uuid\n      project_id: uuid\n      due: date\n    primary_key: [tenant_id, id, due]\n    partition: { by: range(due), interval: year, from: 2025-01-01, count: 2, default: true }\n",
            "tables:\n  projects:\n    columns:\n      id: uuid\n      name: text\n    primary_key: [tenant_id, id]\n  tasks:\n    columns:\n      id: uuid\n      project_id: uuid\n      due: date\n    primary_key: [tenant_id, id, due]\n    unique:\n      - [tenant_id, project_id, due]\n    foreign_keys:\n      - { columns: [tenant_id, project_id], references: { table: projects, column: [tenant_id, id] } }\n    partition: { by: range(due), interval: year, from: 2025-01-01, count: 2, default: true }\n",
        ],
        seed: "INSERT INTO projects VALUES ('00000000-0000-0000-0000-0000000000a{n}', '{t}', 'p'); INSERT INTO tasks SELECT gen_random_uuid(), '{t}', '00000000-0000-0000-0000-0000000000a{n}', date '2025-01-01' + g * 17 FROM generate_series(1, 30) g;",
        survive: &[("SELECT count(*) FROM tasks", "SELECT count(*) FROM tasks")],
        up_has: &["hazard H110"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_partitioned_table_is_renamed_and_indexed_in_one_step,
    Scenario {
        name: "rename_and_index_partitioned",
        versions: &[
            EVENTS_V1,
            "tables:\n  activity:\n    was: events\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    indexes:\n      - [tenant_id, kind]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n",
        ],
        seed: SEED_EVENTS,
        survive: &[(
            "SELECT count(*) FROM events",
            "SELECT count(*) FROM activity"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_policy_is_added_to_a_partitioned_table_and_its_partitions,
    Scenario {
        name: "partitioned_policy",
        versions: &[
            EVENTS_V1,
            "tables:\n  events:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      kind: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    policies:\n      no_secret: { as: restrictive, command: select, using: \"kind <> 'secret'\" }\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n",
        ],
        seed: SEED_EVENTS,
        survive: &[("SELECT count(*) FROM events", "SELECT count(*) FROM events")],
        ..Scenario::DEFAULT
    }
);

scenario!(
    an_enum_column_of_a_partitioned_table_is_rebuilt,
    Scenario {
        name: "partitioned_enum_rebuild",
        versions: &[
            "enums:\n  level: [low, mid, high]\ntables:\n  alerts:\n    columns:\n      id: uuid\n      level: { type: level, default: \"'low'\" }\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n",
            "enums:\n  level: [high, mid, low]\ntables:\n  alerts:\n    columns:\n      id: uuid\n      level: { type: level, default: \"'low'\" }\n      created: timestamptz\n    primary_key: [tenant_id, id, created]\n    partition: { by: range(created), interval: month, from: 2025-01, count: 2, default: true }\n",
        ],
        allow: &["H105"],
        seed: "INSERT INTO alerts (id, tenant_id, level, created) SELECT gen_random_uuid(), '{t}', (ARRAY['low','mid','high'])[1 + g % 3]::level, timestamptz '2025-01-01' + g * interval '1 day' FROM generate_series(1, 40) g;",
        survive: &[(
            "SELECT string_agg(level::text, ',' ORDER BY created) FROM alerts",
            "SELECT string_agg(level::text, ',' ORDER BY created) FROM alerts"
        )],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_column_is_dropped_from_a_sub_partitioned_table,
    Scenario {
        name: "sub_partitioned_drop_column",
        versions: &[
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      note: text?\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    indexes:\n      - [tenant_id, note]\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 2\n      then: { by: list(queue), values: { email: [email-sending] }, default: true }\n",
            "tables:\n  jobs:\n    columns:\n      id: uuid\n      queue: text\n      created: timestamptz\n    primary_key: [tenant_id, id, created, queue]\n    partition:\n      by: range(created)\n      interval: month\n      from: 2025-01\n      count: 2\n      then: { by: list(queue), values: { email: [email-sending] }, default: true }\n",
        ],
        allow: &["H102"],
        seed: "INSERT INTO jobs SELECT gen_random_uuid(), '{t}', 'email-sending', 'n' || g, timestamptz '2025-01-01' + g * interval '1 day' FROM generate_series(1, 40) g;",
        survive: &[("SELECT count(*) FROM jobs", "SELECT count(*) FROM jobs")],
        ..Scenario::DEFAULT
    }
);
