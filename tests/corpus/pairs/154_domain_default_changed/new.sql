-- 154_domain_default_changed: one domain gains a default, another's default changes, a third loses it.
-- This file is the state after the change.
CREATE DOMAIN quantity AS integer DEFAULT 1 CONSTRAINT quantity_positive CHECK (VALUE > 0);
CREATE DOMAIN currency AS char(3) DEFAULT 'EUR';
CREATE DOMAIN note_text AS text;

CREATE TABLE order_lines (
    line_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    qty         quantity NOT NULL,
    currency    currency NOT NULL,
    note        note_text
);
