-- 066_tenant_table_added: a new tenant-scoped table arrives with its foreign key, forced RLS and policy.
-- This file is the state after the change.
DO $$ BEGIN CREATE ROLE notes_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE workspaces (
    workspace_id uuid PRIMARY KEY,
    name         text NOT NULL
);

CREATE TABLE notes (
    note_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (workspace_id),
    author       text NOT NULL,
    body         text NOT NULL,
    archived     boolean NOT NULL DEFAULT false
);

CREATE TABLE attachments (
    attachment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (workspace_id),
    note_id      bigint NOT NULL REFERENCES notes (note_id) ON DELETE CASCADE,
    url          text NOT NULL
);

ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_workspace ON notes USING (workspace_id = current_setting('app.workspace')::uuid);
CREATE POLICY attachments_workspace ON attachments USING (workspace_id = current_setting('app.workspace')::uuid);

CREATE TABLE note_shares (
    workspace_id uuid NOT NULL REFERENCES workspaces (workspace_id),
    note_id      bigint NOT NULL REFERENCES notes (note_id) ON DELETE CASCADE,
    shared_with  text NOT NULL,
    PRIMARY KEY (note_id, shared_with)
);
CREATE INDEX note_shares_workspace_idx ON note_shares (workspace_id);
ALTER TABLE note_shares ENABLE ROW LEVEL SECURITY;
ALTER TABLE note_shares FORCE ROW LEVEL SECURITY;
CREATE POLICY note_shares_workspace ON note_shares TO notes_app
    USING (workspace_id = current_setting('app.workspace')::uuid);
