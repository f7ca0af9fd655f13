-- 097_views_added_dropped: reporting views come and go: a view and a materialized view are added, another of each dropped.
-- This file is the state after the change.
CREATE TABLE orders (
    order_id    bigint PRIMARY KEY,
    customer    text NOT NULL,
    total       numeric(12,2) NOT NULL,
    placed_at   timestamptz NOT NULL
);

CREATE VIEW recent_orders WITH (security_barrier) AS
    SELECT order_id, customer, total, placed_at FROM orders WHERE placed_at > now() - interval '30 days';

CREATE MATERIALIZED VIEW revenue_by_month WITH (fillfactor = 100) AS
    SELECT date_trunc('month', placed_at AT TIME ZONE 'UTC') AS month, sum(total) AS revenue
    FROM orders GROUP BY 1;
CREATE UNIQUE INDEX revenue_by_month_key ON revenue_by_month (month);
