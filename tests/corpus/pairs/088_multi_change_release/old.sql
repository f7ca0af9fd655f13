-- schema: app
-- 088_multi_change_release: a typical sprint release: new table, dropped column, new enum value, widened type, new index, forced RLS, new policy.
-- This file is the state before the change.
CREATE SCHEMA app;

CREATE TYPE app.plan AS ENUM ('free', 'team', 'enterprise');

CREATE TABLE app.organizations (
    org_id      uuid PRIMARY KEY,
    name        text NOT NULL,
    plan        app.plan NOT NULL DEFAULT 'free',
    seats       integer NOT NULL DEFAULT 1,
    legacy_ref  text
);

CREATE TABLE app.users (
    user_id     uuid PRIMARY KEY,
    org_id      uuid NOT NULL REFERENCES app.organizations (org_id),
    email       text NOT NULL,
    role        text NOT NULL DEFAULT 'member',
    UNIQUE (org_id, email)
);

CREATE TABLE app.audit (
    at          timestamptz NOT NULL DEFAULT now(),
    org_id      uuid NOT NULL,
    actor       uuid,
    action      text NOT NULL
);
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_org ON app.users USING (org_id = current_setting('app.org')::uuid);
