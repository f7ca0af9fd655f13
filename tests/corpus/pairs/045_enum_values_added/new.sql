-- 045_enum_values_added: an enum gains values (one in the middle) and a new enum is used by a new column.
-- This file is the state after the change.
CREATE TYPE order_state AS ENUM ('placed', 'paid', 'shipped', 'delivered', 'returned');
CREATE TYPE return_reason AS ENUM ('damaged', 'wrong_item', 'changed_mind');

CREATE TABLE orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state       order_state NOT NULL DEFAULT 'placed',
    placed_at   timestamptz NOT NULL DEFAULT now(),
    return_reason return_reason
);
