-- 081_extension_type_adopted: emails become citext (extension added) and a trigram index is added with pg_trgm.
-- This file is the state after the change.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE subscribers (
    subscriber_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       citext NOT NULL,
    name        text
);
CREATE UNIQUE INDEX subscribers_email_key ON subscribers (email);
CREATE INDEX subscribers_name_trgm ON subscribers USING gin (name gin_trgm_ops);
