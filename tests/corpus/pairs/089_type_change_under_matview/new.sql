-- 089_type_change_under_matview: a column type changes under a materialized view with an index (the view is rebuilt, its index too).
-- This file is the state after the change.
CREATE TABLE readings (
    sensor_id   integer NOT NULL,
    at          timestamptz NOT NULL,
    value       double precision NOT NULL
);

CREATE MATERIALIZED VIEW sensor_daily WITH (autovacuum_enabled = false) AS
    SELECT sensor_id, at::date AS day, avg(value) AS mean, max(value) AS peak
    FROM readings GROUP BY sensor_id, at::date;
CREATE UNIQUE INDEX sensor_daily_key ON sensor_daily (sensor_id, day);
