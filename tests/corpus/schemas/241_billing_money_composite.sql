-- schema: billing
-- Invoicing that keeps amounts as a composite of cents and currency; the currency is
-- a domain and the line kind an enum, both used as attributes; a function adds two
-- amounts of one currency.
CREATE SCHEMA billing;

CREATE TYPE billing.line_kind AS ENUM ('goods', 'service', 'discount');

CREATE DOMAIN billing.currency_code AS char(3)
    CONSTRAINT currency_code_upper CHECK (VALUE ~ '^[A-Z]{3}$');

CREATE TYPE billing.money_amount AS (
    cents    bigint,
    currency billing.currency_code
);
COMMENT ON TYPE billing.money_amount IS 'An amount in the smallest unit of its currency';

CREATE TYPE billing.line_summary AS (
    kind   billing.line_kind,
    amount billing.money_amount,
    lines  integer
);

CREATE TABLE billing.customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    credit      billing.money_amount
);

CREATE TABLE billing.invoices (
    invoice_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES billing.customers (customer_id),
    issued_on   date NOT NULL,
    total       billing.money_amount NOT NULL,
    summaries   billing.line_summary[]
);
CREATE INDEX invoices_customer_idx ON billing.invoices (customer_id, issued_on);

CREATE TABLE billing.invoice_lines (
    invoice_id  bigint NOT NULL REFERENCES billing.invoices (invoice_id) ON DELETE CASCADE,
    line_no     integer NOT NULL,
    kind        billing.line_kind NOT NULL,
    amount      billing.money_amount NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

CREATE TABLE billing.payments (
    payment_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invoice_id  bigint NOT NULL REFERENCES billing.invoices (invoice_id),
    paid        billing.money_amount NOT NULL,
    paid_at     timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION billing.add_amounts(a billing.money_amount, b billing.money_amount) RETURNS billing.money_amount
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ select row((a).cents + (b).cents, (a).currency)::billing.money_amount $$;
