-- schema: app
-- Tenant access through functions: the tenant setting read by a stable
-- function that policies call, a definer lookup filtered on that setting,
-- and a view over a set-returning function.
CREATE SCHEMA app;

CREATE FUNCTION app.current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $$SELECT nullif(current_setting('app.tenant', true), '')::uuid$$;

CREATE TABLE app.tenants (
    tenant_id uuid PRIMARY KEY,
    name      text NOT NULL
);

CREATE TABLE app.projects (
    tenant_id  uuid NOT NULL REFERENCES app.tenants (tenant_id),
    project_id uuid NOT NULL,
    title      text NOT NULL,
    archived   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, project_id)
);

ALTER TABLE app.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON app.projects USING (tenant_id = app.current_tenant())
  WITH CHECK (tenant_id = app.current_tenant());

CREATE FUNCTION app.project_count() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, app AS $$
  SELECT count(*) FROM app.projects WHERE tenant_id = app.current_tenant()
$$;

CREATE FUNCTION app.active_projects() RETURNS SETOF app.projects
LANGUAGE sql STABLE AS $$SELECT * FROM app.projects WHERE NOT archived$$;

CREATE VIEW app.active_project_titles WITH (security_invoker = true) AS
  SELECT project_id, title FROM app.active_projects();
