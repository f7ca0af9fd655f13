-- 025_replica_identity_full: logical replication to the warehouse: tables without keys get REPLICA IDENTITY FULL.
-- This file is the state after the change.
CREATE TABLE customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL,
    region      char(2) NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_region_email_key ON customers (region, email);

CREATE TABLE carts (
    cart_id     uuid NOT NULL,
    customer_id bigint REFERENCES customers (customer_id),
    contents    jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE click_log (
    at          timestamptz NOT NULL,
    path        text NOT NULL
);
ALTER TABLE carts REPLICA IDENTITY FULL;
ALTER TABLE click_log REPLICA IDENTITY FULL;
