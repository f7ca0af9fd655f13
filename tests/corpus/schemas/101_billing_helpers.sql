-- Billing helpers in public: money arithmetic in SQL, an invoice-number
-- generator reading a sequence, a VARIADIC sum, an INOUT argument and a
-- generated column and check constraint calling immutable functions.
CREATE SEQUENCE invoice_numbers START WITH 1000;

CREATE FUNCTION cents(p_amount numeric) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$SELECT (round(p_amount * 100))::bigint$$;

CREATE FUNCTION valid_currency(p_code text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$SELECT p_code ~ '^[A-Z]{3}$'$$;

CREATE FUNCTION sum_all(VARIADIC p_values numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$SELECT coalesce(sum(v), 0) FROM unnest(p_values) v$$;

CREATE FUNCTION apply_discount(INOUT p_amount numeric, p_percent numeric DEFAULT 0)
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  p_amount := p_amount * (1 - p_percent / 100);
END
$$;

CREATE TABLE customers (
    customer_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    currency    text NOT NULL DEFAULT 'EUR' CHECK (valid_currency(currency))
);

CREATE TABLE invoices (
    invoice_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (customer_id),
    number      text NOT NULL UNIQUE,
    amount      numeric(12,2) NOT NULL,
    amount_cents bigint GENERATED ALWAYS AS (cents(amount)) STORED,
    issued_on   date NOT NULL DEFAULT current_date
);

CREATE FUNCTION next_invoice_number(p_prefix text DEFAULT 'INV') RETURNS text
LANGUAGE sql AS $$SELECT p_prefix || '-' || lpad(nextval('invoice_numbers')::text, 8, '0')$$;

CREATE FUNCTION customer_balance(p_customer bigint) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(amount), 0) FROM invoices WHERE customer_id = p_customer
$$;

CREATE INDEX invoices_cents_idx ON invoices (cents(amount));
