-- schema: desk
-- also: desk_ref
-- 300_further_enum_added: a priority enum is added in desk_ref; tickets gain a column of it
-- (NOT NULL with a default) and a partial index on urgent ones. State after.
CREATE SCHEMA desk;
CREATE SCHEMA desk_ref;
CREATE TYPE desk_ref.ticket_channel AS ENUM ('email', 'chat', 'phone', 'web_form');
CREATE TYPE desk_ref.ticket_priority AS ENUM ('low', 'normal', 'high', 'urgent');
CREATE TABLE desk.workspaces (
  workspace_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE desk.tickets (
  ticket_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES desk.workspaces (workspace_id),
  subject text NOT NULL,
  channel desk_ref.ticket_channel NOT NULL DEFAULT 'email',
  opened_at timestamptz NOT NULL DEFAULT now(),
  priority desk_ref.ticket_priority NOT NULL DEFAULT 'normal'
);
CREATE INDEX tickets_urgent_idx ON desk.tickets (workspace_id, opened_at) WHERE priority = 'urgent';
CREATE TABLE desk_ref.channel_hours (
  channel desk_ref.ticket_channel PRIMARY KEY,
  staffed_from time NOT NULL,
  staffed_to time NOT NULL
);
