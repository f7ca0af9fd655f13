-- 094_view_rebuilt_keeps_options: a view with security_barrier, a check option and column comments changes its definition.
-- This file is the state before the change.
CREATE TABLE tasks (
    task_id     bigint PRIMARY KEY,
    owner       text NOT NULL,
    title       text NOT NULL,
    done        boolean NOT NULL DEFAULT false,
    due_on      date
);

CREATE VIEW my_tasks WITH (security_barrier = true) AS
    SELECT task_id, owner, title, done FROM tasks WHERE owner = current_user
    WITH CASCADED CHECK OPTION;
COMMENT ON VIEW my_tasks IS 'Tasks of the calling role.';
COMMENT ON COLUMN my_tasks.done IS 'Completed tasks stay visible.';
