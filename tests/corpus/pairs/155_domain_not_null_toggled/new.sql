-- 155_domain_not_null_toggled: a domain becomes NOT NULL (every stored value is set) and another drops it.
-- This file is the state after the change.
CREATE DOMAIN tenant_slug AS text NOT NULL CONSTRAINT tenant_slug_shape CHECK (VALUE ~ '^[a-z0-9-]+$');
CREATE DOMAIN legacy_code AS varchar(8);

CREATE TABLE workspaces (
    workspace_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug         tenant_slug,
    old_code     legacy_code
);
INSERT INTO workspaces (slug, old_code) VALUES ('acme', 'A1'), ('globex', 'G7');
