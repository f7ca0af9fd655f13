-- 031_view_definition_changed: a reporting view gains a column and a join; a dependent view is unchanged.
-- This file is the state before the change.
CREATE TABLE employees (
    employee_id integer PRIMARY KEY,
    department  text NOT NULL,
    full_name   text NOT NULL,
    salary      numeric(12,2) NOT NULL,
    manager_id  integer REFERENCES employees (employee_id),
    active      boolean NOT NULL DEFAULT true
);

CREATE TABLE departments (
    code        text PRIMARY KEY,
    cost_center text NOT NULL
);

CREATE VIEW staff AS
    SELECT e.employee_id, e.full_name, e.department
    FROM employees e WHERE e.active;

CREATE VIEW staff_count AS
    SELECT department, count(*) AS n FROM staff GROUP BY department;
