-- 150_domain_added_and_used: a new domain with a check is created and an existing text column converted to it.
-- This file is the state after the change.
CREATE DOMAIN email_address AS text
    CONSTRAINT email_address_has_at CHECK (VALUE ~ '@');

CREATE TABLE customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       email_address NOT NULL,
    name        text NOT NULL
);
INSERT INTO customers (email, name) VALUES ('ana@example.com', 'Ana'), ('bo@example.org', 'Bo');
