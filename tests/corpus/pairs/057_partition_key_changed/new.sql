-- 057_partition_key_changed: the events table is repartitioned: RANGE by time becomes HASH by account.
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
) PARTITION BY HASH (account_id);
CREATE TABLE events_h0 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE events_h1 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE events_h2 PARTITION OF events FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE INDEX events_kind_idx ON events (kind, occurred_at);
