-- 097_views_added_dropped: reporting views come and go: a view and a materialized view are added, another of each dropped.
-- This file is the state before the change.
CREATE TABLE orders (
    order_id    bigint PRIMARY KEY,
    customer    text NOT NULL,
    total       numeric(12,2) NOT NULL,
    placed_at   timestamptz NOT NULL
);

CREATE VIEW big_orders AS SELECT order_id, customer, total FROM orders WHERE total > 1000;

CREATE MATERIALIZED VIEW orders_by_customer AS
    SELECT customer, count(*) AS orders, sum(total) AS revenue FROM orders GROUP BY customer;
CREATE UNIQUE INDEX orders_by_customer_key ON orders_by_customer (customer);
