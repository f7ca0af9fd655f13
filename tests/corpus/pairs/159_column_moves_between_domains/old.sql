-- 159_column_moves_between_domains: a column moves from one domain to a stricter new one; the old domain is dropped.
-- This file is the state before the change.
CREATE DOMAIN loose_email AS text;

CREATE TABLE subscribers (
    subscriber_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       loose_email NOT NULL UNIQUE
);
INSERT INTO subscribers (email) VALUES ('a@example.com'), ('b@example.net');
