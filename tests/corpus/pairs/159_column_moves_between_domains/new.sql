-- 159_column_moves_between_domains: a column moves from one domain to a stricter new one; the old domain is dropped.
-- This file is the state after the change.
CREATE DOMAIN strict_email AS text CONSTRAINT strict_email_shape CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[a-z]+$');

CREATE TABLE subscribers (
    subscriber_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       strict_email NOT NULL UNIQUE
);
INSERT INTO subscribers (email) VALUES ('a@example.com'), ('b@example.net');
