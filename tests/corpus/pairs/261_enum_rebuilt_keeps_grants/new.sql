-- schema: desk
-- The on_hold state is retired: the type is rebuilt and keeps its owner and privileges.
CREATE SCHEMA desk;
SET search_path = desk;

DO $$ BEGIN CREATE ROLE desk_agent; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE desk_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE ticket_state AS ENUM ('open', 'waiting', 'solved', 'closed');

CREATE TABLE tickets (
    ticket_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject   text NOT NULL,
    state     ticket_state NOT NULL DEFAULT 'open',
    opened_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ticket_events (
    event_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets (ticket_id),
    state     ticket_state NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
);

ALTER TYPE ticket_state OWNER TO desk_owner;
REVOKE USAGE ON TYPE ticket_state FROM PUBLIC;
GRANT USAGE ON TYPE ticket_state TO desk_agent;
