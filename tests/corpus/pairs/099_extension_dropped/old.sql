-- 099_extension_dropped: the last hstore column is converted to jsonb and the hstore extension is dropped.
-- This file is the state before the change.
CREATE EXTENSION IF NOT EXISTS hstore;

CREATE TABLE listings (
    listing_id  bigint PRIMARY KEY,
    title       text NOT NULL,
    attributes  hstore NOT NULL DEFAULT ''
);
CREATE INDEX listings_attributes_idx ON listings USING gin (attributes);
