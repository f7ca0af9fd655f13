-- 244_composite_dropped: a legacy geo type, its column and a function over it are retired together.
-- This file is the state after the change.
CREATE TABLE stores (
    store_id    integer PRIMARY KEY,
    name        text NOT NULL
);
