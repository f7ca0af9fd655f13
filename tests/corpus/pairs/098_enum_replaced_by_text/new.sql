-- 098_enum_replaced_by_text: an enum column becomes text with a check (USING a cast) and the enum type is dropped.
-- This file is the state after the change.
CREATE TABLE tickets (
    ticket_id   bigint PRIMARY KEY,
    priority    text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent', 'critical')),
    subject     text NOT NULL
);
CREATE INDEX tickets_priority_idx ON tickets (priority) WHERE priority IN ('high', 'urgent', 'critical');
