-- 029_view_security_invoker: views switch security_invoker on (and one off) so RLS applies to the caller.
-- This file is the state before the change.
CREATE TABLE employees (
    employee_id integer PRIMARY KEY,
    department  text NOT NULL,
    full_name   text NOT NULL,
    salary      numeric(12,2) NOT NULL,
    manager_id  integer REFERENCES employees (employee_id),
    active      boolean NOT NULL DEFAULT true
);

CREATE VIEW payroll_summary AS
    SELECT department, count(*) AS headcount, sum(salary) AS total_salary
    FROM employees WHERE active GROUP BY department;

CREATE VIEW org_chart WITH (security_invoker = true) AS
    SELECT e.employee_id, e.full_name, m.full_name AS manager
    FROM employees e LEFT JOIN employees m ON m.employee_id = e.manager_id;
