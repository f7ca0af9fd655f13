-- 081_extension_type_adopted: emails become citext (extension added) and a trigram index is added with pg_trgm.
-- This file is the state before the change.
CREATE TABLE subscribers (
    subscriber_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL,
    name        text
);
CREATE UNIQUE INDEX subscribers_email_key ON subscribers (lower(email));
