-- 062_rls_enabled_to_forced: the owner no longer bypasses RLS: FORCE is added to enabled tables.
-- This file is the state before the change.
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
