-- schema: helpdesk
-- A help desk's application roles: the API role reads and writes tickets,
-- the reporting role only reads, support agents may update two columns.
CREATE SCHEMA helpdesk;
SET search_path = helpdesk;

DO $$ BEGIN CREATE ROLE hd_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE hd_reporting; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE hd_agent; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    full_name   text NOT NULL
);

CREATE TABLE tickets (
    ticket_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (customer_id),
    subject     text NOT NULL,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'closed')),
    note        text,
    opened_at   timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE ticket_refs START 1000;

CREATE VIEW open_tickets AS
    SELECT ticket_id, subject, opened_at FROM tickets WHERE status = 'open';

GRANT USAGE ON SCHEMA helpdesk TO hd_api, hd_reporting, hd_agent;
GRANT SELECT, INSERT, UPDATE, DELETE ON customers, tickets TO hd_api;
GRANT SELECT ON customers, tickets, open_tickets TO hd_reporting;
GRANT SELECT ON tickets TO hd_agent;
GRANT UPDATE (status, note) ON tickets TO hd_agent;
GRANT USAGE, SELECT ON SEQUENCE ticket_refs TO hd_api;
