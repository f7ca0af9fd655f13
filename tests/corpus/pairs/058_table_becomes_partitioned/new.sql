-- 058_table_becomes_partitioned: a plain audit table is replaced by a RANGE-partitioned one with a DEFAULT partition.
-- This file is the state after the change.
CREATE TABLE audit_log (
    logged_at   timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL,
    detail      jsonb
) PARTITION BY RANGE (logged_at);
CREATE TABLE audit_log_2025 PARTITION OF audit_log FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2026-01-01 00:00+00');
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
CREATE INDEX audit_log_logged_at_idx ON audit_log (logged_at);
