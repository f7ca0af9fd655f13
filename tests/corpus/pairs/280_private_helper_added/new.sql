-- schema: app_public
-- also: app_private
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;
CREATE TABLE app_public.projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id bigint NOT NULL,
  title text NOT NULL
);
CREATE TABLE app_private.project_keys (
  project_id bigint PRIMARY KEY REFERENCES app_public.projects (id) ON DELETE CASCADE,
  api_key text NOT NULL
);
ALTER TABLE app_public.projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY projects_read ON app_public.projects FOR SELECT USING (true);
CREATE FUNCTION app_private.viewer_id() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT nullif(current_setting('jwt.claims.user_id', true), '')::bigint
$$;
REVOKE EXECUTE ON FUNCTION app_private.viewer_id() FROM PUBLIC;
CREATE FUNCTION app_public.my_projects() RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT p.id FROM app_public.projects p WHERE p.owner_id = app_private.viewer_id()
$$;
