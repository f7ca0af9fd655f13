-- 163_domain_dropped_with_table: a domain is dropped together with the table that used it; a new domain replaces a column check.
-- This file is the state after the change.
CREATE DOMAIN grams AS integer CONSTRAINT grams_positive CHECK (VALUE > 0);

CREATE TABLE items (
    item_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    weight_g    grams NOT NULL
);
