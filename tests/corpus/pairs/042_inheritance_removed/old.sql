-- 042_inheritance_removed: a child table is detached from its parent with NO INHERIT and keeps its columns.
-- This file is the state before the change.
CREATE TABLE measurements (
    sensor_id   integer NOT NULL,
    taken_at    timestamptz NOT NULL,
    value       double precision NOT NULL,
    CONSTRAINT measurements_value_check CHECK (value > -1000)
);

CREATE TABLE measurements_2023 (
    CONSTRAINT measurements_2023_range CHECK (taken_at < '2024-01-01 00:00+00')
) INHERITS (measurements);

CREATE TABLE measurements_2024 (
    CONSTRAINT measurements_2024_range CHECK (taken_at >= '2024-01-01 00:00+00')
) INHERITS (measurements);
