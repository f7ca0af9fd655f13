-- 005_add_indexes: indexes added after a slow-query review: plain, partial, expression, DESC and INCLUDE.
-- This file is the state after the change.
CREATE TABLE products (
    product_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text NOT NULL,
    name        text NOT NULL,
    price       numeric(10,2) NOT NULL,
    category    text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL,
    placed_at   timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL DEFAULT 'new'
);

CREATE TABLE order_lines (
    order_id    bigint NOT NULL,
    line_no     smallint NOT NULL,
    product_id  integer NOT NULL,
    qty         integer NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX products_category_idx ON products (category) WHERE category IS NOT NULL;
CREATE INDEX products_lower_name_idx ON products (lower(name));
CREATE INDEX orders_recent_idx ON orders (placed_at DESC NULLS LAST) INCLUDE (status);
CREATE INDEX orders_open_idx ON orders (email) WHERE status IN ('new', 'paid');
CREATE INDEX order_lines_product_idx ON order_lines (product_id);
