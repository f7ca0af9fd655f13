-- 241_composite_attribute_added: an address type gains a country attribute (appended) and a comment.
-- This file is the state before the change.
CREATE TYPE postal_address AS (
    street   text,
    city     text,
    postcode varchar(10)
);

CREATE TABLE customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    billing     postal_address
);
INSERT INTO customers (name, billing) VALUES ('Ana', ROW('1 Main St', 'Lisbon', '1000-001'));
