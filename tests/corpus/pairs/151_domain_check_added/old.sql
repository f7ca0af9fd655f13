-- 151_domain_check_added: a domain gains a second named check (added NOT VALID, then validated).
-- This file is the state before the change.
CREATE DOMAIN sku AS text CONSTRAINT sku_not_blank CHECK (btrim(VALUE) <> '');

CREATE TABLE products (
    product_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         sku NOT NULL UNIQUE,
    title       text NOT NULL
);
INSERT INTO products (sku, title) VALUES ('AB-1001', 'Lamp'), ('CD-2002', 'Desk');
