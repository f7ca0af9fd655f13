-- schema: billing
-- Billing functions callable only by the roles that need them: EXECUTE is
-- taken away from PUBLIC and granted to the API and reporting roles; one
-- helper keeps PostgreSQL's default.
CREATE SCHEMA billing;
SET search_path = billing;

DO $$ BEGIN CREATE ROLE billing_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE billing_reports; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    currency    char(3) NOT NULL DEFAULT 'EUR'
);

CREATE TABLE invoices (
    invoice_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (customer_id),
    amount      numeric(12, 2) NOT NULL,
    issued_on   date NOT NULL DEFAULT current_date,
    paid_on     date
);

CREATE TABLE payments (
    payment_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id  bigint NOT NULL REFERENCES invoices (invoice_id),
    amount      numeric(12, 2) NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION cents(p_amount numeric) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$SELECT (round(p_amount * 100))::bigint$$;

CREATE FUNCTION outstanding(p_customer bigint) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(amount), 0) FROM billing.invoices
  WHERE customer_id = p_customer AND paid_on IS NULL
$$;

CREATE FUNCTION revenue_between(p_from date, p_to date) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(amount), 0) FROM billing.payments
  WHERE received_at >= p_from AND received_at < p_to
$$;

CREATE PROCEDURE mark_paid(p_invoice bigint)
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE billing.invoices SET paid_on = current_date WHERE invoice_id = p_invoice;
END
$$;

REVOKE EXECUTE ON FUNCTION outstanding(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION revenue_between(date, date) FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE mark_paid(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION outstanding(bigint) TO billing_api, billing_reports;
GRANT EXECUTE ON FUNCTION revenue_between(date, date) TO billing_reports;
GRANT EXECUTE ON PROCEDURE mark_paid(bigint) TO billing_api;
GRANT USAGE ON SCHEMA billing TO billing_api, billing_reports;
GRANT SELECT ON customers, invoices, payments TO billing_reports;
