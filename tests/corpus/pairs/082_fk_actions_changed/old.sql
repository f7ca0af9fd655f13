-- 082_fk_actions_changed: foreign-key actions change: CASCADE to SET NULL on one column, NO ACTION to RESTRICT, ON UPDATE CASCADE added.
-- This file is the state before the change.
CREATE TABLE projects (
    tenant_id   integer NOT NULL,
    project_id  integer NOT NULL,
    name        text NOT NULL,
    PRIMARY KEY (tenant_id, project_id)
);

CREATE TABLE tasks (
    task_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   integer NOT NULL,
    project_id  integer,
    parent_id   bigint,
    title       text NOT NULL,
    CONSTRAINT tasks_project_fkey FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, project_id) ON DELETE CASCADE,
    CONSTRAINT tasks_parent_fkey FOREIGN KEY (parent_id) REFERENCES tasks (task_id)
);
