-- 056_hash_modulus_changed: a hash-partitioned table grows from 2 to 4 partitions.
-- This file is the state before the change.
CREATE TABLE sessions (
    session_id  uuid NOT NULL,
    user_id     bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    data        jsonb,
    PRIMARY KEY (session_id)
) PARTITION BY HASH (session_id);
CREATE TABLE sessions_p0 PARTITION OF sessions FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE sessions_p1 PARTITION OF sessions FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX sessions_user_idx ON sessions (user_id);
