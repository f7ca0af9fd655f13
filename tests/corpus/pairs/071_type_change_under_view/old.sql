-- 071_type_change_under_view: a column type changes while a view depends on it (the view must be rebuilt around it).
-- This file is the state before the change.
CREATE TABLE products (
    product_id  integer PRIMARY KEY,
    name        varchar(80) NOT NULL,
    price       numeric(8,2) NOT NULL
);

CREATE VIEW product_list AS
    SELECT product_id, name, price FROM products WHERE price > 0;

CREATE VIEW cheap_products AS
    SELECT product_id, name FROM product_list WHERE price < 10;
