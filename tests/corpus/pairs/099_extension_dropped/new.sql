-- 099_extension_dropped: the last hstore column is converted to jsonb and the hstore extension is dropped.
-- This file is the state after the change.
CREATE TABLE listings (
    listing_id  bigint PRIMARY KEY,
    title       text NOT NULL,
    attributes  jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX listings_attributes_idx ON listings USING gin (attributes);
