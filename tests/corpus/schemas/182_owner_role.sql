-- schema: ledger
-- A ledger whose tables belong to a dedicated owner role (migrations run as
-- it in production); the application role only reads and appends.
CREATE SCHEMA ledger;
SET search_path = ledger;

DO $$ BEGIN CREATE ROLE ledger_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE ledger_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE accounts (
    account_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE,
    kind       text NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense'))
);

CREATE TABLE entries (
    entry_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    posted_on  date NOT NULL,
    memo       text
);

CREATE TABLE entry_lines (
    entry_id   bigint NOT NULL REFERENCES entries (entry_id),
    line_no    smallint NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (account_id),
    amount     numeric(14, 2) NOT NULL,
    PRIMARY KEY (entry_id, line_no)
);

CREATE SEQUENCE journal_numbers AS integer START 1 CACHE 10;

CREATE VIEW balances AS
    SELECT a.code, sum(l.amount) AS balance
    FROM accounts a JOIN entry_lines l ON l.account_id = a.account_id
    GROUP BY a.code;

ALTER TABLE accounts OWNER TO ledger_owner;
ALTER TABLE entries OWNER TO ledger_owner;
ALTER TABLE entry_lines OWNER TO ledger_owner;
ALTER SEQUENCE journal_numbers OWNER TO ledger_owner;
ALTER VIEW balances OWNER TO ledger_owner;

GRANT USAGE ON SCHEMA ledger TO ledger_app;
GRANT SELECT ON accounts, balances TO ledger_app;
GRANT SELECT, INSERT ON entries, entry_lines TO ledger_app;
GRANT USAGE ON SEQUENCE journal_numbers TO ledger_app;
