-- 048_partition_detached: archiving: the oldest partition is detached and kept as a plain table.
-- This file is the state after the change.
CREATE TABLE accounts (
    account_id  integer PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE events (
    account_id  integer NOT NULL REFERENCES accounts (account_id),
    event_id    bigint NOT NULL,
    occurred_at timestamptz NOT NULL,
    kind        text NOT NULL,
    payload     jsonb,
    PRIMARY KEY (account_id, event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE events_2025_02 PARTITION OF events FOR VALUES FROM ('2025-02-01 00:00+00') TO ('2025-03-01 00:00+00');
CREATE TABLE events_2025_03 PARTITION OF events FOR VALUES FROM ('2025-03-01 00:00+00') TO ('2025-04-01 00:00+00');
CREATE INDEX events_kind_idx ON events (kind, occurred_at);

-- detached from events in February; read by the archiver only
CREATE TABLE events_2025_01 (
    account_id  integer NOT NULL,
    event_id    bigint NOT NULL,
    occurred_at timestamptz NOT NULL,
    kind        text NOT NULL,
    payload     jsonb,
    CONSTRAINT events_2025_01_pkey PRIMARY KEY (account_id, event_id, occurred_at),
    CONSTRAINT events_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (account_id)
);
CREATE INDEX events_2025_01_kind_occurred_at_idx ON events_2025_01 (kind, occurred_at);
