-- 054_list_partition_values_changed: Luxembourg joins the Benelux partition; a new partition is added for France.
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
    PRIMARY KEY (country, sale_id)
) PARTITION BY LIST (country);
CREATE TABLE sales_dach PARTITION OF sales FOR VALUES IN ('DE', 'AT', 'CH');
CREATE TABLE sales_benelux PARTITION OF sales FOR VALUES IN ('NL', 'BE', 'LU');
CREATE TABLE ventes_france PARTITION OF sales FOR VALUES IN ('FR');
CREATE TABLE sales_nordics PARTITION OF sales FOR VALUES IN ('SE', 'NO', 'DK', 'FI');
