-- schema: app
-- 088_multi_change_release: a typical sprint release: new table, dropped column, new enum value, widened type, new index, forced RLS, new policy.
-- This file is the state after the change.
CREATE SCHEMA app;

CREATE TYPE app.plan AS ENUM ('free', 'starter', 'team', 'enterprise');

CREATE TABLE app.organizations (
    org_id      uuid PRIMARY KEY,
    name        text NOT NULL,
    plan        app.plan NOT NULL DEFAULT 'free',
    seats       bigint NOT NULL DEFAULT 1
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
CREATE INDEX audit_org_at_idx ON app.audit (org_id, at DESC);

CREATE TABLE app.invitations (
    token       text PRIMARY KEY,
    org_id      uuid NOT NULL REFERENCES app.organizations (org_id) ON DELETE CASCADE,
    email       text NOT NULL,
    expires_at  timestamptz NOT NULL
);
ALTER TABLE app.invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_org ON app.invitations USING (org_id = current_setting('app.org')::uuid);
ALTER TABLE app.users FORCE ROW LEVEL SECURITY;
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_org ON app.users USING (org_id = current_setting('app.org')::uuid);
