-- 240_composite_added_and_used: a new composite type for opening hours is created and used by a new column and a new table.
-- This file is the state after the change.
CREATE TYPE opening_hours AS (
    opens  time,
    closes time
);
COMMENT ON TYPE opening_hours IS 'Local time a shop opens and closes';

CREATE TABLE shops (
    shop_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    weekdays    opening_hours
);
INSERT INTO shops (name) VALUES ('North'), ('Harbour');

CREATE TABLE holiday_hours (
    shop_id     bigint NOT NULL REFERENCES shops (shop_id) ON DELETE CASCADE,
    day         date NOT NULL,
    hours       opening_hours NOT NULL,
    PRIMARY KEY (shop_id, day)
);
