-- schema: support
-- Helpdesk: agents and customers see different rows; per-command policies for
-- two roles, case-insensitive emails, partial indexes on open tickets.
CREATE SCHEMA support;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA support;

DO $$ BEGIN CREATE ROLE support_agent; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE support_customer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE support.organizations (
    org_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    domain     support.citext UNIQUE
);

CREATE TABLE support.requesters (
    requester_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       integer REFERENCES support.organizations (org_id),
    email        support.citext NOT NULL UNIQUE,
    name         text
);

CREATE TABLE support.agents (
    agent_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login      name NOT NULL UNIQUE,
    team       text NOT NULL DEFAULT 'tier1'
);

CREATE TABLE support.tickets (
    ticket_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requester_id integer NOT NULL REFERENCES support.requesters (requester_id),
    assignee_id  integer REFERENCES support.agents (agent_id) ON DELETE SET NULL,
    subject      text NOT NULL,
    status       text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'solved', 'closed')),
    priority     smallint NOT NULL DEFAULT 2,
    opened_at    timestamptz NOT NULL DEFAULT now(),
    solved_at    timestamptz
);
CREATE INDEX tickets_unassigned_idx ON support.tickets (priority DESC, opened_at) WHERE assignee_id IS NULL AND status IN ('new', 'open');
CREATE INDEX tickets_assignee_open_idx ON support.tickets (assignee_id, status) WHERE status <> 'closed';

CREATE TABLE support.comments (
    comment_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id    bigint NOT NULL REFERENCES support.tickets (ticket_id) ON DELETE CASCADE,
    author_email support.citext NOT NULL,
    public       boolean NOT NULL DEFAULT true,
    body         text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE support.satisfaction (
    ticket_id  bigint PRIMARY KEY REFERENCES support.tickets (ticket_id) ON DELETE CASCADE,
    score      smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    remark     text
);

ALTER TABLE support.tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE support.comments ENABLE ROW LEVEL SECURITY;

CREATE POLICY agents_all ON support.tickets FOR ALL TO support_agent USING (true) WITH CHECK (true);
CREATE POLICY customer_reads_own ON support.tickets FOR SELECT TO support_customer
    USING (requester_id = current_setting('support.requester_id')::integer);
CREATE POLICY customer_opens ON support.tickets FOR INSERT TO support_customer
    WITH CHECK (requester_id = current_setting('support.requester_id')::integer AND status = 'new');

CREATE POLICY agent_comments ON support.comments FOR ALL TO support_agent USING (true);
CREATE POLICY customer_sees_public ON support.comments FOR SELECT TO support_customer
    USING (public AND ticket_id IN (SELECT ticket_id FROM support.tickets));
CREATE POLICY customer_replies ON support.comments FOR INSERT TO support_customer
    WITH CHECK (public);
CREATE POLICY nobody_deletes ON support.comments AS RESTRICTIVE FOR DELETE USING (false);
COMMENT ON POLICY nobody_deletes ON support.comments IS 'Comments are an audit trail.';
