-- schema: shop
-- A shop schema whose default privileges are set before anything is created:
-- PUBLIC's EXECUTE revoked database-wide, tables and functions of the schema
-- granted to the API role (SELECT with grant option to the read-only role),
-- one table granted narrower than the defaults afterwards, and defaults for
-- tables another role creates.
CREATE SCHEMA shop;

DO $$ BEGIN CREATE ROLE shop_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE shop_ro; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE shop_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT SELECT, INSERT, UPDATE ON TABLES TO shop_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT SELECT ON TABLES TO shop_ro WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA shop GRANT EXECUTE ON FUNCTIONS TO shop_api;
ALTER DEFAULT PRIVILEGES FOR ROLE shop_owner IN SCHEMA shop GRANT SELECT ON TABLES TO shop_ro;

CREATE TABLE shop.customers (
    customer_id bigint PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shop.products (
    product_id  bigint PRIMARY KEY,
    title       text NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0)
);

CREATE TABLE shop.orders (
    order_id    bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customers (customer_id),
    placed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shop.order_lines (
    order_id    bigint NOT NULL REFERENCES shop.orders (order_id) ON DELETE CASCADE,
    product_id  bigint NOT NULL REFERENCES shop.products (product_id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE shop.payment_tokens (
    customer_id bigint PRIMARY KEY REFERENCES shop.customers (customer_id),
    token       text NOT NULL
);

CREATE FUNCTION shop.order_total(p_order bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(l.quantity * p.price_cents), 0)::bigint
  FROM shop.order_lines l JOIN shop.products p USING (product_id)
  WHERE l.order_id = p_order
$$;

CREATE PROCEDURE shop.forget_customer(p_customer bigint)
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM shop.payment_tokens WHERE customer_id = p_customer;
END $$;

-- tokens are narrower than the defaults give
REVOKE ALL ON shop.payment_tokens FROM shop_api, shop_ro;
GRANT SELECT ON shop.payment_tokens TO shop_api;
