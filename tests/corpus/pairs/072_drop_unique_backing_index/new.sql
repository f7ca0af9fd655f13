-- 072_drop_unique_backing_index: a unique constraint (and the index that backs it) is dropped; a plain index replaces it.
-- This file is the state after the change.
CREATE TABLE api_keys (
    key_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner       text NOT NULL,
    prefix      char(8) NOT NULL,
    hash        bytea NOT NULL
);
CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);
