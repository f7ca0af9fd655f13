-- 245_nested_composite_added: a price type is nested in a new quote type, stored as an array on orders.
-- This file is the state after the change.
CREATE TYPE price AS (
    cents    bigint,
    currency char(3)
);

CREATE TYPE quote_line AS (
    product_id integer,
    quantity   integer,
    unit_price price
);

CREATE TABLE products (
    product_id  integer PRIMARY KEY,
    title       text NOT NULL,
    list_price  price NOT NULL
);

CREATE TABLE quotes (
    quote_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lines       quote_line[] NOT NULL,
    valid_until date NOT NULL
);
