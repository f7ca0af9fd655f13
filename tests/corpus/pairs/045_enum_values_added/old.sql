-- 045_enum_values_added: an enum gains values (one in the middle) and a new enum is used by a new column.
-- This file is the state before the change.
CREATE TYPE order_state AS ENUM ('placed', 'shipped', 'delivered');

CREATE TABLE orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state       order_state NOT NULL DEFAULT 'placed',
    placed_at   timestamptz NOT NULL DEFAULT now()
);
