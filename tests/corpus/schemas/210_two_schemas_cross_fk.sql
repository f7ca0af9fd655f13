-- schema: app_public
-- also: app_private
-- A public API schema and a private one for secrets, with foreign keys both ways.
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;
COMMENT ON SCHEMA app_private IS 'Internal tables the API never exposes';
CREATE TABLE app_public.accounts (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE app_private.account_secrets (
  account_id uuid PRIMARY KEY REFERENCES app_public.accounts (id) ON DELETE CASCADE,
  password_hash text NOT NULL,
  rotated_at timestamptz
);
CREATE TABLE app_private.login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES app_private.account_secrets (account_id),
  at timestamptz NOT NULL DEFAULT now(),
  succeeded boolean NOT NULL
);
CREATE INDEX login_attempts_account_at_idx ON app_private.login_attempts (account_id, at DESC);
CREATE TABLE app_public.sessions (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES app_public.accounts (id),
  attempt_id bigint REFERENCES app_private.login_attempts (id)
);
COMMENT ON TABLE app_private.login_attempts IS 'Every sign-in, kept for lockout rules';
