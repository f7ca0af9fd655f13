-- 096_drop_partitioned_tree: a whole partitioned tree (with sub-partitions and a DEFAULT) is dropped along with a view on it.
-- This file is the state before the change.
CREATE TABLE metrics (
    source      text NOT NULL,
    at          timestamptz NOT NULL,
    name        text NOT NULL,
    value       double precision NOT NULL
) PARTITION BY LIST (source);
CREATE TABLE metrics_app PARTITION OF metrics FOR VALUES IN ('app') PARTITION BY RANGE (at);
CREATE TABLE metrics_app_2025 PARTITION OF metrics_app FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2026-01-01 00:00+00');
CREATE TABLE metrics_db PARTITION OF metrics FOR VALUES IN ('db');
CREATE TABLE metrics_misc PARTITION OF metrics DEFAULT;

CREATE VIEW app_metrics AS SELECT at, name, value FROM metrics WHERE source = 'app';

CREATE TABLE dashboards (
    dashboard_id integer PRIMARY KEY,
    title        text NOT NULL
);
