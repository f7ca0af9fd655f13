-- schema: billing
-- Billing operations schema: money and currency domains, a composite type for
-- line totals, PL/pgSQL invoice numbering from a standalone sequence, a month-end
-- procedure, audit triggers, pg_stat_statements installed into the schema.
CREATE SCHEMA billing;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA billing;

DO $$ BEGIN CREATE ROLE billing_service; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE finance_analyst; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE DOMAIN billing.currency_code AS char(3) CHECK (VALUE ~ '^[A-Z]{3}$');
CREATE DOMAIN billing.money_minor AS bigint NOT NULL DEFAULT 0 CHECK (VALUE >= 0);
CREATE TYPE billing.line_total AS (net bigint, tax bigint, gross bigint);

CREATE SEQUENCE billing.invoice_number_seq START WITH 1000 INCREMENT BY 1;

CREATE TABLE billing.accounts (
    account_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    currency    billing.currency_code NOT NULL DEFAULT 'EUR',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing.invoices (
    invoice_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES billing.accounts (account_id),
    number      text NOT NULL UNIQUE,
    issued_on   date NOT NULL DEFAULT current_date,
    total       billing.money_minor,
    closed      boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing.invoice_lines (
    invoice_id  bigint NOT NULL REFERENCES billing.invoices (invoice_id) ON DELETE CASCADE,
    line_no     smallint NOT NULL,
    description text NOT NULL,
    net         billing.money_minor,
    tax_rate    numeric(5,4) NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (invoice_id, line_no)
);

CREATE TABLE billing.audit (
    audit_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name  text NOT NULL,
    op          text NOT NULL,
    row_data    jsonb,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION billing.next_invoice_number(p_prefix text DEFAULT 'INV') RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  RETURN p_prefix || '-' || to_char(current_date, 'YYYY') || '-' ||
         lpad(nextval('billing.invoice_number_seq')::text, 6, '0');
END
$$;

CREATE FUNCTION billing.line_total(p_net bigint, p_rate numeric) RETURNS billing.line_total
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_net, round(p_net * p_rate)::bigint, p_net + round(p_net * p_rate)::bigint
$$;

CREATE FUNCTION billing.set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION billing.write_audit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO billing.audit (table_name, op, row_data)
  VALUES (TG_TABLE_NAME, TG_OP, to_jsonb(coalesce(NEW, OLD)));
  RETURN coalesce(NEW, OLD);
END
$$;

CREATE PROCEDURE billing.close_month(p_month date)
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE billing.invoices SET closed = true
  WHERE issued_on < (date_trunc('month', p_month) + interval '1 month')::date AND NOT closed;
END
$$;

CREATE TRIGGER accounts_updated_at BEFORE UPDATE ON billing.accounts
    FOR EACH ROW EXECUTE FUNCTION billing.set_updated_at();
CREATE TRIGGER invoices_updated_at BEFORE UPDATE ON billing.invoices
    FOR EACH ROW EXECUTE FUNCTION billing.set_updated_at();
CREATE TRIGGER invoice_lines_updated_at BEFORE UPDATE ON billing.invoice_lines
    FOR EACH ROW EXECUTE FUNCTION billing.set_updated_at();
CREATE TRIGGER audit_updated_at BEFORE UPDATE ON billing.audit
    FOR EACH ROW EXECUTE FUNCTION billing.set_updated_at();
CREATE TRIGGER invoices_audit AFTER INSERT OR UPDATE OR DELETE ON billing.invoices
    FOR EACH ROW EXECUTE FUNCTION billing.write_audit();

GRANT USAGE ON SCHEMA billing TO billing_service, finance_analyst;
GRANT SELECT, INSERT, UPDATE ON billing.accounts, billing.invoices, billing.invoice_lines, billing.audit
    TO billing_service;
GRANT SELECT ON billing.accounts, billing.invoices, billing.invoice_lines TO finance_analyst;
GRANT USAGE ON SEQUENCE billing.invoice_number_seq TO billing_service;
REVOKE EXECUTE ON PROCEDURE billing.close_month(date) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE billing.close_month(date) TO finance_analyst;

-- Month-end totals sum cents with an aggregate of its own (aggregates stay
-- outside the language).
CREATE AGGREGATE billing.total_cents(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0');
