-- 055_subpartitioning_added: the biggest LIST partition is re-created sub-partitioned by month; the others stay flat.
-- This file is the state after the change.
CREATE TABLE stores (
    store_id    integer PRIMARY KEY,
    country     char(2) NOT NULL
);

CREATE TABLE sales (
    country     char(2) NOT NULL,
    sale_id     bigint NOT NULL,
    store_id    integer NOT NULL REFERENCES stores (store_id),
    sold_at     timestamptz NOT NULL,
    amount      numeric(12,2) NOT NULL,
    PRIMARY KEY (country, sale_id, sold_at)
) PARTITION BY LIST (country);
CREATE TABLE sales_dach PARTITION OF sales FOR VALUES IN ('DE', 'AT', 'CH') PARTITION BY RANGE (sold_at);
CREATE TABLE sales_dach_2025h1 PARTITION OF sales_dach FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2025-07-01 00:00+00');
CREATE TABLE sales_dach_2025h2 PARTITION OF sales_dach FOR VALUES FROM ('2025-07-01 00:00+00') TO ('2026-01-01 00:00+00');
CREATE TABLE sales_dach_other PARTITION OF sales_dach DEFAULT;
CREATE TABLE sales_benelux PARTITION OF sales FOR VALUES IN ('NL', 'BE');
CREATE TABLE sales_nordics PARTITION OF sales FOR VALUES IN ('SE', 'NO', 'DK', 'FI');
