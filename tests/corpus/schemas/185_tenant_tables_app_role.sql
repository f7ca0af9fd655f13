-- schema: saas
-- A multi-tenant app: RLS forced on tenant tables, the application role has
-- DML only and its policies read the tenant setting.
CREATE SCHEMA saas;
SET search_path = saas;

DO $$ BEGIN CREATE ROLE saas_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE saas_support; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE tenants (
    tenant_id uuid PRIMARY KEY,
    name      text NOT NULL
);

CREATE TABLE projects (
    tenant_id  uuid NOT NULL REFERENCES tenants (tenant_id),
    project_id uuid NOT NULL,
    name       text NOT NULL,
    PRIMARY KEY (tenant_id, project_id)
);

CREATE TABLE issues (
    tenant_id  uuid NOT NULL,
    issue_id   uuid NOT NULL,
    project_id uuid NOT NULL,
    title      text NOT NULL,
    PRIMARY KEY (tenant_id, issue_id),
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, project_id)
);

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
ALTER TABLE issues ENABLE ROW LEVEL SECURITY;
ALTER TABLE issues FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON projects TO saas_app
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY tenant_isolation ON issues TO saas_app
    USING (tenant_id = current_setting('app.tenant_id')::uuid);
CREATE POLICY support_reads ON issues FOR SELECT TO saas_support USING (true);

GRANT USAGE ON SCHEMA saas TO saas_app, saas_support;
GRANT SELECT ON tenants TO saas_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON projects, issues TO saas_app;
GRANT SELECT ON issues TO saas_support;
