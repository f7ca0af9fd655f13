-- 030_view_check_option: updatable views: LOCAL becomes CASCADED, one view loses its check option, one gains it.
-- This file is the state before the change.
CREATE TABLE employees (
    employee_id integer PRIMARY KEY,
    department  text NOT NULL,
    full_name   text NOT NULL,
    salary      numeric(12,2) NOT NULL,
    manager_id  integer REFERENCES employees (employee_id),
    active      boolean NOT NULL DEFAULT true
);

CREATE VIEW active_employees AS
    SELECT employee_id, department, full_name, salary, manager_id, active
    FROM employees WHERE active
    WITH LOCAL CHECK OPTION;

CREATE VIEW engineering AS
    SELECT employee_id, department, full_name, salary, manager_id, active
    FROM active_employees WHERE department = 'engineering'
    WITH LOCAL CHECK OPTION;

CREATE VIEW sales AS
    SELECT employee_id, department, full_name, salary, manager_id, active
    FROM employees WHERE department = 'sales';
