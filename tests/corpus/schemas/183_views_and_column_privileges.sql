-- schema: hr
-- HR data: analysts read a materialized headcount and a view without
-- salaries; payroll may update pay columns only; a sync job references keys.
CREATE SCHEMA hr;
SET search_path = hr;

DO $$ BEGIN CREATE ROLE hr_analyst; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE hr_payroll; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE hr_sync; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE departments (
    department_id integer PRIMARY KEY,
    name          text NOT NULL
);

CREATE TABLE employees (
    employee_id   integer PRIMARY KEY,
    department_id integer NOT NULL REFERENCES departments (department_id),
    full_name     text NOT NULL,
    salary_cents  bigint NOT NULL,
    bonus_cents   bigint NOT NULL DEFAULT 0,
    hired_on      date NOT NULL
);

CREATE VIEW directory AS
    SELECT employee_id, full_name, department_id FROM employees;

CREATE MATERIALIZED VIEW headcount AS
    SELECT department_id, count(*) AS people FROM employees GROUP BY department_id;

CREATE UNIQUE INDEX headcount_department ON headcount (department_id);

GRANT USAGE ON SCHEMA hr TO hr_analyst, hr_payroll;
GRANT SELECT ON directory, headcount, departments TO hr_analyst;
GRANT SELECT (employee_id, salary_cents, bonus_cents), UPDATE (salary_cents, bonus_cents) ON employees TO hr_payroll;
GRANT REFERENCES, TRIGGER, TRUNCATE ON departments TO hr_sync;
GRANT SELECT (employee_id), REFERENCES (employee_id) ON employees TO hr_sync;
