-- 098_enum_replaced_by_text: an enum column becomes text with a check (USING a cast) and the enum type is dropped.
-- This file is the state before the change.
CREATE TYPE ticket_priority AS ENUM ('low', 'normal', 'high', 'urgent');

CREATE TABLE tickets (
    ticket_id   bigint PRIMARY KEY,
    priority    ticket_priority NOT NULL DEFAULT 'normal',
    subject     text NOT NULL
);
CREATE INDEX tickets_priority_idx ON tickets (priority) WHERE priority IN ('high', 'urgent');
