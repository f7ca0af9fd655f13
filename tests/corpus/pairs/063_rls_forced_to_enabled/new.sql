-- 063_rls_forced_to_enabled: the reverse: FORCE is removed (the nightly job runs as the owner again); one table drops RLS.
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
CREATE POLICY notes_workspace ON notes USING (workspace_id = current_setting('app.workspace')::uuid);
