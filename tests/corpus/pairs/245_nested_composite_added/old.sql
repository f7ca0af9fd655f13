-- 245_nested_composite_added: a price type is nested in a new quote type, stored as an array on orders.
-- This file is the state before the change.
CREATE TYPE price AS (
    cents    bigint,
    currency char(3)
);

CREATE TABLE products (
    product_id  integer PRIMARY KEY,
    title       text NOT NULL,
    list_price  price NOT NULL
);
