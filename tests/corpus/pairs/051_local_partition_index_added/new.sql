-- 051_local_partition_index_added: an index and a unique key are added on the current partition only.
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
CREATE TABLE events_2025_01 PARTITION OF events FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2025-02-01 00:00+00');
CREATE TABLE events_2025_02 PARTITION OF events FOR VALUES FROM ('2025-02-01 00:00+00') TO ('2025-03-01 00:00+00');
CREATE TABLE events_2025_03 PARTITION OF events FOR VALUES FROM ('2025-03-01 00:00+00') TO ('2025-04-01 00:00+00');
CREATE INDEX events_kind_idx ON events (kind, occurred_at);
CREATE INDEX events_2025_03_payload_gin ON events_2025_03 USING gin (payload);
ALTER TABLE events_2025_03 ADD CONSTRAINT events_2025_03_event_id_key UNIQUE (event_id);
