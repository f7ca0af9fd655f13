-- 009_add_check_unique: data-quality constraints added: checks with casts and regexes, a composite unique key.
-- This file is the state before the change.
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
