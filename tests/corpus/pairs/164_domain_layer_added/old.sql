-- 164_domain_layer_added: a domain over another domain is added, and the base domain gains a check.
-- This file is the state before the change.
CREATE DOMAIN amount AS numeric(12,2);

CREATE TABLE payments (
    payment_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount      amount NOT NULL
);
INSERT INTO payments (amount) VALUES (10.50), (99.99);
