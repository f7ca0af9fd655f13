-- 058_table_becomes_partitioned: a plain audit table is replaced by a RANGE-partitioned one with a DEFAULT partition.
-- This file is the state before the change.
CREATE TABLE audit_log (
    logged_at   timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL,
    detail      jsonb
);
CREATE INDEX audit_log_logged_at_idx ON audit_log (logged_at);
