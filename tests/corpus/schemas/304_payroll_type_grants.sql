-- schema: payroll
-- also: payroll_shared
-- A payroll bureau running many employers: enums and domains in both schemas, USAGE on
-- some of them taken from PUBLIC and granted to the bureau's roles (one with grant
-- option), type and domain comments, and a view in the shared schema filtering on an
-- enum label.
CREATE SCHEMA payroll;
CREATE SCHEMA payroll_shared;

DO $$ BEGIN CREATE ROLE payroll_clerk; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE payroll_auditor; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE payroll_shared.pay_frequency AS ENUM ('weekly', 'fortnightly', 'four_weekly', 'monthly');
CREATE DOMAIN payroll_shared.money_gbp AS numeric(12, 2)
  CONSTRAINT money_gbp_sane CHECK (VALUE BETWEEN -1000000 AND 1000000);
CREATE DOMAIN payroll_shared.ni_number AS text
  CONSTRAINT ni_number_shape CHECK (VALUE ~ '^[A-CEGHJ-PR-TW-Z]{2}[0-9]{6}[A-D]$');

CREATE TYPE payroll.employment_status AS ENUM ('active', 'on_leave', 'leaver');
CREATE DOMAIN payroll.tax_code AS varchar(10)
  CONSTRAINT tax_code_shape CHECK (VALUE ~ '^(K?[0-9]{1,6}[LMNT]?|BR|D0|D1|NT|0T)$');

CREATE TABLE payroll.employers (
  employer_id uuid PRIMARY KEY,
  name text NOT NULL,
  paye_reference text NOT NULL UNIQUE,
  default_frequency payroll_shared.pay_frequency NOT NULL DEFAULT 'monthly'
);

CREATE TABLE payroll.employees (
  employee_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id uuid NOT NULL REFERENCES payroll.employers (employer_id),
  full_name text NOT NULL,
  ni payroll_shared.ni_number,
  tax payroll.tax_code NOT NULL DEFAULT '1257L',
  status payroll.employment_status NOT NULL DEFAULT 'active',
  frequency payroll_shared.pay_frequency NOT NULL,
  annual_salary payroll_shared.money_gbp
);

CREATE TABLE payroll.pay_runs (
  pay_run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id uuid NOT NULL REFERENCES payroll.employers (employer_id),
  frequency payroll_shared.pay_frequency NOT NULL,
  period_end date NOT NULL,
  UNIQUE (employer_id, frequency, period_end)
);

CREATE TABLE payroll.payslips (
  pay_run_id bigint NOT NULL REFERENCES payroll.pay_runs (pay_run_id),
  employee_id bigint NOT NULL REFERENCES payroll.employees (employee_id),
  gross payroll_shared.money_gbp NOT NULL,
  tax_paid payroll_shared.money_gbp NOT NULL DEFAULT 0,
  tax_code_used payroll.tax_code NOT NULL,
  PRIMARY KEY (pay_run_id, employee_id)
);

CREATE TABLE payroll_shared.frequency_periods (
  frequency payroll_shared.pay_frequency PRIMARY KEY,
  periods_per_year smallint NOT NULL CHECK (periods_per_year IN (12, 13, 26, 52))
);

CREATE VIEW payroll_shared.monthly_active_staff AS
  SELECT e.employer_id, e.employee_id, e.full_name, e.annual_salary
  FROM payroll.employees e
  WHERE e.status = 'active' AND e.frequency = 'monthly';

COMMENT ON TYPE payroll_shared.pay_frequency IS 'How often an employee is paid';
COMMENT ON DOMAIN payroll_shared.money_gbp IS 'Pounds sterling to the penny';
COMMENT ON TYPE payroll.employment_status IS 'Whether an employee is on the next pay run';
COMMENT ON DOMAIN payroll.tax_code IS 'HMRC PAYE tax code';
COMMENT ON VIEW payroll_shared.monthly_active_staff IS 'Staff on the monthly run who are still employed';

REVOKE USAGE ON TYPE payroll_shared.pay_frequency FROM PUBLIC;
GRANT USAGE ON TYPE payroll_shared.pay_frequency TO payroll_clerk, payroll_auditor;
REVOKE USAGE ON DOMAIN payroll_shared.money_gbp FROM PUBLIC;
GRANT USAGE ON DOMAIN payroll_shared.money_gbp TO payroll_clerk WITH GRANT OPTION;
GRANT USAGE ON DOMAIN payroll_shared.ni_number TO payroll_auditor;
REVOKE USAGE ON TYPE payroll.employment_status FROM PUBLIC;
GRANT USAGE ON TYPE payroll.employment_status TO payroll_clerk;
REVOKE USAGE ON DOMAIN payroll.tax_code FROM PUBLIC;
GRANT USAGE ON DOMAIN payroll.tax_code TO payroll_clerk, payroll_auditor;
GRANT USAGE ON SCHEMA payroll_shared TO payroll_auditor;
GRANT SELECT ON payroll_shared.monthly_active_staff TO payroll_auditor;
