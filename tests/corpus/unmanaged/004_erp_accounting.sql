-- schema: erp
-- ERP general ledger: voucher numbers from standalone sequences per journal,
-- functions that post vouchers, a trigger on every table, and column-level grants
-- so auditors can read amounts but not the bank details.
CREATE SCHEMA erp;

DO $$ BEGIN CREATE ROLE erp_clerk; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE erp_auditor; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE SEQUENCE erp.voucher_sales_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE erp.voucher_purchase_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE erp.voucher_general_seq START WITH 500000;

CREATE TABLE erp.gl_accounts (
    account_no  integer PRIMARY KEY CHECK (account_no BETWEEN 1000 AND 9999),
    name        text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE erp.vendors (
    vendor_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    iban        text,
    bic         text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE erp.vouchers (
    journal     text NOT NULL CHECK (journal IN ('sales', 'purchase', 'general')),
    voucher_no  bigint NOT NULL,
    vendor_id   integer REFERENCES erp.vendors (vendor_id),
    booked_on   date NOT NULL DEFAULT current_date,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (journal, voucher_no)
);

CREATE TABLE erp.voucher_lines (
    journal     text NOT NULL,
    voucher_no  bigint NOT NULL,
    line_no     smallint NOT NULL,
    account_no  integer NOT NULL REFERENCES erp.gl_accounts (account_no),
    amount      numeric(14,2) NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (journal, voucher_no, line_no),
    FOREIGN KEY (journal, voucher_no) REFERENCES erp.vouchers (journal, voucher_no) ON DELETE CASCADE
);

CREATE FUNCTION erp.next_voucher_no(p_journal text) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
  RETURN CASE p_journal
    WHEN 'sales' THEN nextval('erp.voucher_sales_seq')
    WHEN 'purchase' THEN nextval('erp.voucher_purchase_seq')
    ELSE nextval('erp.voucher_general_seq') END;
END $$;

CREATE FUNCTION erp.voucher_balance(p_journal text, p_voucher bigint) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(amount), 0) FROM erp.voucher_lines WHERE journal = p_journal AND voucher_no = p_voucher
$$;

CREATE FUNCTION erp.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;

CREATE TRIGGER gl_accounts_touch BEFORE UPDATE ON erp.gl_accounts FOR EACH ROW EXECUTE FUNCTION erp.touch();
CREATE TRIGGER vendors_touch BEFORE UPDATE ON erp.vendors FOR EACH ROW EXECUTE FUNCTION erp.touch();
CREATE TRIGGER vouchers_touch BEFORE UPDATE ON erp.vouchers FOR EACH ROW EXECUTE FUNCTION erp.touch();
CREATE TRIGGER voucher_lines_touch BEFORE UPDATE ON erp.voucher_lines FOR EACH ROW EXECUTE FUNCTION erp.touch();

GRANT USAGE ON SCHEMA erp TO erp_clerk, erp_auditor;
GRANT SELECT, INSERT, UPDATE ON erp.vouchers, erp.voucher_lines TO erp_clerk;
GRANT SELECT ON erp.gl_accounts TO erp_clerk, erp_auditor;
GRANT SELECT (vendor_id, name) ON erp.vendors TO erp_auditor;
GRANT SELECT, UPDATE (iban, bic) ON erp.vendors TO erp_clerk;
GRANT SELECT ON erp.vouchers, erp.voucher_lines TO erp_auditor;
GRANT USAGE ON SEQUENCE erp.voucher_sales_seq, erp.voucher_purchase_seq, erp.voucher_general_seq TO erp_clerk;
GRANT EXECUTE ON FUNCTION erp.next_voucher_no(text) TO erp_clerk;

-- The planner learns that an account determines most of a journal's lines
-- (extended statistics stay outside the language).
CREATE STATISTICS erp.voucher_lines_journal_account (dependencies, ndistinct) ON journal, account_no FROM erp.voucher_lines;
