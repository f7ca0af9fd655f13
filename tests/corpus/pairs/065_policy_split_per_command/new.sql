-- 065_policy_split_per_command: one FOR ALL policy is replaced by per-command policies; a DELETE policy is dropped.
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
CREATE POLICY notes_select ON notes FOR SELECT USING (workspace_id = current_setting('app.workspace')::uuid);
CREATE POLICY notes_insert ON notes FOR INSERT TO notes_app WITH CHECK (workspace_id = current_setting('app.workspace')::uuid);
CREATE POLICY notes_update ON notes FOR UPDATE TO notes_app USING (author = current_user) WITH CHECK (author = current_user);
CREATE POLICY attachments_workspace ON attachments USING (workspace_id = current_setting('app.workspace')::uuid);
