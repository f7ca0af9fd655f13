-- 009_add_check_unique: data-quality constraints added: checks with casts and regexes, a composite unique key.
-- This file is the state after the change.
CREATE TABLE products (
    product_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text NOT NULL CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Z0-9-]{4,20}$'),
    name        text NOT NULL,
    price       numeric(10,2) NOT NULL CONSTRAINT products_price_positive CHECK (price > 0::numeric),
    category    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT products_sku_key UNIQUE (sku)
);

CREATE TABLE orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL,
    placed_at   timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL DEFAULT 'new',
    CONSTRAINT orders_status_check CHECK (status = ANY (ARRAY['new', 'paid', 'shipped', 'cancelled']))
);

CREATE TABLE order_lines (
    order_id    bigint NOT NULL,
    line_no     smallint NOT NULL,
    product_id  integer NOT NULL,
    qty         integer NOT NULL CHECK (qty::numeric BETWEEN 1 AND 999),
    PRIMARY KEY (order_id, line_no)
);
