-- schema: hr
-- HR types only some roles may use: USAGE on a salary domain and a
-- contract enum is taken from PUBLIC and given to the payroll role; an
-- e-mail domain keeps PUBLIC's default and is owned by the HR owner role.
CREATE SCHEMA hr;
SET search_path = hr;

DO $$ BEGIN CREATE ROLE hr_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE hr_payroll; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE hr_portal; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE contract_kind AS ENUM ('permanent', 'fixed_term', 'contractor', 'intern');
CREATE TYPE leave_kind AS ENUM ('annual', 'sick', 'parental', 'unpaid');

CREATE DOMAIN salary AS numeric(12, 2) CONSTRAINT salary_positive CHECK (VALUE > 0);
CREATE DOMAIN work_email AS text CONSTRAINT work_email_shape CHECK (VALUE ~ '^[^@]+@[^@]+$');

CREATE TABLE employees (
    employee_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       work_email NOT NULL UNIQUE,
    full_name   text NOT NULL,
    contract    contract_kind NOT NULL DEFAULT 'permanent'
);

CREATE TABLE compensation (
    employee_id bigint NOT NULL REFERENCES employees (employee_id),
    valid_from  date NOT NULL,
    base        salary NOT NULL,
    PRIMARY KEY (employee_id, valid_from)
);

CREATE TABLE leave_requests (
    request_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES employees (employee_id),
    kind        leave_kind NOT NULL,
    starts_on   date NOT NULL,
    ends_on     date NOT NULL,
    CHECK (ends_on >= starts_on)
);

ALTER DOMAIN work_email OWNER TO hr_owner;
ALTER TYPE leave_kind OWNER TO hr_owner;

REVOKE USAGE ON DOMAIN salary FROM PUBLIC;
GRANT USAGE ON DOMAIN salary TO hr_payroll;
REVOKE USAGE ON TYPE contract_kind FROM PUBLIC;
GRANT USAGE ON TYPE contract_kind TO hr_payroll, hr_portal;
GRANT USAGE ON TYPE leave_kind TO hr_portal WITH GRANT OPTION;
