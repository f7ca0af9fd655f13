-- schema: shop
-- New roles get USAGE (and the migrator CREATE) on the schema.
CREATE SCHEMA shop;
SET search_path = shop;

DO $$ BEGIN CREATE ROLE shop_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE shop_migrator; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    full_name   text NOT NULL,
    phone       text
);

CREATE TABLE orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (customer_id),
    status      text NOT NULL DEFAULT 'new',
    total_cents bigint NOT NULL,
    placed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_notes (
    order_id bigint NOT NULL REFERENCES orders (order_id),
    note     text NOT NULL
);

CREATE SEQUENCE invoice_numbers START 10000;

CREATE VIEW open_orders AS
    SELECT order_id, customer_id, total_cents FROM orders WHERE status = 'new';

GRANT SELECT ON orders TO shop_api;
