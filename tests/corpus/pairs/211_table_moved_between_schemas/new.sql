-- schema: app_public
-- also: app_private
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;
CREATE TABLE app_public.users (
  id uuid PRIMARY KEY,
  email text NOT NULL
);
CREATE TABLE app_private.password_resets (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_public.users (id),
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX password_resets_user_idx ON app_private.password_resets (user_id);
INSERT INTO app_public.users VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com');
INSERT INTO app_private.password_resets VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'x', '2026-01-01');
CREATE TABLE app_private.settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
