-- 247_range_type_added: a price band range type is created and used by a new column with a GiST index and an exclusion constraint.
-- This file is the state before the change.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE price_tiers (
    tier_id     integer PRIMARY KEY,
    product     text NOT NULL,
    min_cents   integer NOT NULL,
    max_cents   integer NOT NULL
);
