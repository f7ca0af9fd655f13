-- 061_rls_enabled: row-level security is turned on for the first time (ENABLE only) with one policy per table.
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
