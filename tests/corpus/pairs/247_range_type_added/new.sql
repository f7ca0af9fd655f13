-- 247_range_type_added: a price band range type is created and used by a new column with a GiST index and an exclusion constraint.
-- This file is the state after the change.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TYPE cents_range AS RANGE (subtype = bigint, multirange_type_name = cents_ranges);
COMMENT ON TYPE cents_range IS 'Prices in cents, lower bound included';

CREATE TABLE price_tiers (
    tier_id     integer PRIMARY KEY,
    product     text NOT NULL,
    min_cents   integer NOT NULL,
    max_cents   integer NOT NULL,
    band        cents_range,
    CONSTRAINT price_tiers_no_overlap EXCLUDE USING gist (product WITH =, band WITH &&)
);

CREATE TABLE promotions (
    promotion_id integer PRIMARY KEY,
    eligible     cents_ranges NOT NULL
);
