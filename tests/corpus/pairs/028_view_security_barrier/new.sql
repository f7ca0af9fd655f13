-- 028_view_security_barrier: the HR directory view becomes a security_barrier view.
-- This file is the state after the change.
CREATE TABLE employees (
    employee_id integer PRIMARY KEY,
    department  text NOT NULL,
    full_name   text NOT NULL,
    salary      numeric(12,2) NOT NULL,
    manager_id  integer REFERENCES employees (employee_id),
    active      boolean NOT NULL DEFAULT true
);

CREATE VIEW directory WITH (security_barrier = true) AS
    SELECT employee_id, department, full_name FROM employees WHERE active;
