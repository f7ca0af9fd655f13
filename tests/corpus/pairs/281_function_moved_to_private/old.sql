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
CREATE FUNCTION app_public.key_of(p_project bigint) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
  SELECT k.api_key FROM app_private.project_keys k WHERE k.project_id = p_project
$$;
COMMENT ON FUNCTION app_public.key_of(bigint) IS 'The API key of a project';
