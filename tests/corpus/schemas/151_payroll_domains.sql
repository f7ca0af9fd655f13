-- schema: payroll
-- Payroll in its own schema: money and rate domains with defaults and NOT NULL,
-- a tax id domain with two named checks, domains used by a partitioned table.
CREATE SCHEMA payroll;
SET search_path TO payroll;

CREATE DOMAIN cents AS bigint NOT NULL DEFAULT 0 CONSTRAINT cents_nonnegative CHECK (VALUE >= 0);
CREATE DOMAIN tax_rate AS numeric(5,4) CONSTRAINT tax_rate_range CHECK (VALUE >= 0 AND VALUE < 1);
CREATE DOMAIN tax_id AS text
    CONSTRAINT tax_id_digits CHECK (VALUE ~ '^[0-9]{9}$')
    CONSTRAINT tax_id_not_reserved CHECK (VALUE NOT IN ('000000000', '999999999'));

CREATE TABLE employees (
    employee_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tax_number  tax_id NOT NULL UNIQUE,
    full_name   text NOT NULL,
    base_salary cents
);

CREATE TABLE pay_runs (
    pay_run_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period      daterange NOT NULL,
    withholding tax_rate NOT NULL DEFAULT 0.2
);

CREATE TABLE payslips (
    pay_run_id  integer NOT NULL REFERENCES pay_runs (pay_run_id),
    employee_id integer NOT NULL REFERENCES employees (employee_id),
    paid_on     date NOT NULL,
    gross       cents,
    net         cents,
    PRIMARY KEY (pay_run_id, employee_id, paid_on)
) PARTITION BY RANGE (paid_on);
CREATE TABLE payslips_2025 PARTITION OF payslips FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE payslips_2026 PARTITION OF payslips FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE deductions (
    deduction_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id  integer NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    label        text NOT NULL,
    amount       cents,
    rate         tax_rate
);
