-- schema: payroll
-- Payroll: domains for tax ids and percentages, a range type over numeric salary
-- bands, a composite pay-slip type, payroll run procedure, updated_at triggers,
-- grants and default privileges for the payroll service role.
CREATE SCHEMA payroll;

DO $$ BEGIN CREATE ROLE payroll_service; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE payroll_auditor; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE DOMAIN payroll.tax_id AS text CHECK (VALUE ~ '^[0-9]{9}$');
CREATE DOMAIN payroll.percentage AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE TYPE payroll.salary_band AS RANGE (subtype = numeric);
CREATE TYPE payroll.pay_slip AS (employee_id integer, gross numeric(12,2), tax numeric(12,2), net numeric(12,2));

CREATE TABLE payroll.employees (
    employee_id integer PRIMARY KEY,
    tax_id      payroll.tax_id NOT NULL UNIQUE,
    full_name   text NOT NULL,
    annual_base numeric(12,2) NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payroll.tax_brackets (
    band        payroll.salary_band NOT NULL,
    rate        payroll.percentage NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payroll.runs (
    run_id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period      daterange NOT NULL,
    finished_at timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payroll.run_lines (
    run_id      integer NOT NULL REFERENCES payroll.runs (run_id) ON DELETE CASCADE,
    employee_id integer NOT NULL REFERENCES payroll.employees (employee_id),
    gross       numeric(12,2) NOT NULL,
    tax         numeric(12,2) NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, employee_id)
);

CREATE FUNCTION payroll.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION payroll.tax_rate(p_annual numeric) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(max(rate), 0) FROM payroll.tax_brackets WHERE band @> p_annual
$$;

CREATE FUNCTION payroll.slip(p_run integer, p_employee integer) RETURNS payroll.pay_slip
LANGUAGE sql STABLE AS $$
  SELECT ROW(employee_id, gross, tax, gross - tax)::payroll.pay_slip
  FROM payroll.run_lines WHERE run_id = p_run AND employee_id = p_employee
$$;

CREATE PROCEDURE payroll.run_month(p_month date)
LANGUAGE plpgsql AS $$
DECLARE r integer;
BEGIN
  INSERT INTO payroll.runs (period)
  VALUES (daterange(p_month, (p_month + interval '1 month')::date)) RETURNING run_id INTO r;
  INSERT INTO payroll.run_lines (run_id, employee_id, gross, tax)
  SELECT r, employee_id, round(annual_base / 12, 2),
         round(annual_base / 12 * payroll.tax_rate(annual_base) / 100, 2)
  FROM payroll.employees;
  UPDATE payroll.runs SET finished_at = now() WHERE run_id = r;
END $$;

CREATE TRIGGER employees_touch BEFORE UPDATE ON payroll.employees FOR EACH ROW EXECUTE FUNCTION payroll.touch();
CREATE TRIGGER tax_brackets_touch BEFORE UPDATE ON payroll.tax_brackets FOR EACH ROW EXECUTE FUNCTION payroll.touch();
CREATE TRIGGER runs_touch BEFORE UPDATE ON payroll.runs FOR EACH ROW EXECUTE FUNCTION payroll.touch();
CREATE TRIGGER run_lines_touch BEFORE UPDATE ON payroll.run_lines FOR EACH ROW EXECUTE FUNCTION payroll.touch();

GRANT USAGE ON SCHEMA payroll TO payroll_service, payroll_auditor;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA payroll TO payroll_service;
GRANT SELECT ON payroll.runs, payroll.run_lines TO payroll_auditor;
ALTER DEFAULT PRIVILEGES IN SCHEMA payroll GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO payroll_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA payroll GRANT EXECUTE ON FUNCTIONS TO payroll_service;
ALTER DEFAULT PRIVILEGES IN SCHEMA payroll GRANT USAGE ON TYPES TO payroll_auditor;

-- extended statistics stay unmanaged now that default privileges are modelled
CREATE STATISTICS payroll.runs_period_finished (dependencies) ON period, finished_at FROM payroll.runs;
