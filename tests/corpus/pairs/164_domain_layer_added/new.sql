-- 164_domain_layer_added: a domain over another domain is added, and the base domain gains a check.
-- This file is the state after the change.
CREATE DOMAIN amount AS numeric(12,2) CONSTRAINT amount_bounded CHECK (VALUE < 1000000);
CREATE DOMAIN refund_amount AS amount CONSTRAINT refund_amount_negative CHECK (VALUE < 0);

CREATE TABLE payments (
    payment_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount      amount NOT NULL,
    refunded    refund_amount
);
INSERT INTO payments (amount) VALUES (10.50), (99.99);
