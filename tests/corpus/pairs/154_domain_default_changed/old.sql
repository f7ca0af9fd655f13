-- 154_domain_default_changed: one domain gains a default, another's default changes, a third loses it.
-- This file is the state before the change.
CREATE DOMAIN quantity AS integer CONSTRAINT quantity_positive CHECK (VALUE > 0);
CREATE DOMAIN currency AS char(3) DEFAULT 'USD';
CREATE DOMAIN note_text AS text DEFAULT '';

CREATE TABLE order_lines (
    line_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    qty         quantity NOT NULL,
    currency    currency NOT NULL,
    note        note_text
);
