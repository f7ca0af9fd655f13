-- 240_composite_added_and_used: a new composite type for opening hours is created and used by a new column and a new table.
-- This file is the state before the change.
CREATE TABLE shops (
    shop_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL
);
INSERT INTO shops (name) VALUES ('North'), ('Harbour');
