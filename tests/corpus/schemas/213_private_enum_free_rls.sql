-- schema: app
-- also: app_hidden
-- Row security on a table in a second schema, with a policy reading the first.
CREATE SCHEMA app;
CREATE SCHEMA app_hidden;
CREATE TABLE app.teams (
  id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE app_hidden.team_tokens (
  id uuid PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES app.teams (id) ON DELETE CASCADE,
  token text NOT NULL,
  expires_at timestamptz
);
ALTER TABLE app_hidden.team_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_hidden.team_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY team_tokens_team ON app_hidden.team_tokens
  USING (team_id = current_setting('app.team')::uuid);
CREATE UNIQUE INDEX team_tokens_token_key ON app_hidden.team_tokens (token) WHERE expires_at IS NULL;
COMMENT ON COLUMN app_hidden.team_tokens.token IS 'Opaque bearer token';
