-- Tables readable by PUBLIC are locked down to a named role.

DO $$ BEGIN CREATE ROLE web_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

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


CREATE VIEW open_orders AS
    SELECT order_id, customer_id, total_cents FROM orders WHERE status = 'new';

GRANT SELECT ON customers, orders, open_orders TO PUBLIC;
