-- schema: app_public
-- also: app_private
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;
COMMENT ON SCHEMA app_private IS 'Credentials, out of the API''s reach';
CREATE TABLE app_public.accounts (
  id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE app_public.projects (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES app_public.accounts (id),
  title text NOT NULL
);
CREATE TABLE app_private.api_keys (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES app_public.accounts (id) ON DELETE CASCADE,
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
