-- 157_domain_comment_and_new_table: a domain's comment changes and a new table uses a new domain over an enum.
-- This file is the state after the change.
CREATE TYPE ticket_state AS ENUM ('open', 'pending', 'closed');
CREATE DOMAIN minutes AS integer CONSTRAINT minutes_nonnegative CHECK (VALUE >= 0);
COMMENT ON DOMAIN minutes IS 'Whole minutes of work, rounded up';
CREATE DOMAIN active_state AS ticket_state CONSTRAINT active_state_not_closed CHECK (VALUE <> 'closed');

CREATE TABLE tickets (
    ticket_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    state       ticket_state NOT NULL DEFAULT 'open',
    spent       minutes NOT NULL DEFAULT 0
);

CREATE TABLE escalations (
    escalation_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id     bigint NOT NULL REFERENCES tickets (ticket_id) ON DELETE CASCADE,
    state_then    active_state NOT NULL,
    waited        minutes
);
