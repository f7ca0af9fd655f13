-- 151_domain_check_added: a domain gains a second named check (added NOT VALID, then validated).
-- This file is the state after the change.
CREATE DOMAIN sku AS text
    CONSTRAINT sku_not_blank CHECK (btrim(VALUE) <> '')
    CONSTRAINT sku_shape CHECK (VALUE ~ '^[A-Z]{2}-[0-9]{4}$');

CREATE TABLE products (
    product_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         sku NOT NULL UNIQUE,
    title       text NOT NULL
);
INSERT INTO products (sku, title) VALUES ('AB-1001', 'Lamp'), ('CD-2002', 'Desk');
