-- 060_fk_to_single_partition: a table of EU-only refunds references the EU partition of orders directly.
-- This file is the state after the change.
CREATE TABLE orders (
    order_id    bigint NOT NULL,
    region      text NOT NULL,
    total       numeric(12,2) NOT NULL,
    PRIMARY KEY (order_id, region)
) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN ('eu');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('us');

CREATE TABLE refunds (
    refund_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    bigint NOT NULL,
    region      text NOT NULL DEFAULT 'eu',
    amount      numeric(12,2) NOT NULL,
    CONSTRAINT refunds_eu_order_fkey FOREIGN KEY (order_id, region) REFERENCES orders_eu (order_id, region)
);
