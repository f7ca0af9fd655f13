-- schema: ledger
-- Double-entry ledger: signed and unsigned amount domains layered on one another,
-- an account code domain, check constraints over domain columns.
CREATE SCHEMA ledger;
SET search_path TO ledger;

CREATE DOMAIN amount AS numeric(18,2) CONSTRAINT amount_bounded CHECK (abs(VALUE) < 1e15);
CREATE DOMAIN positive_amount AS amount CONSTRAINT positive_amount_gt_zero CHECK (VALUE > 0);
CREATE DOMAIN account_code AS char(6) CONSTRAINT account_code_digits CHECK (VALUE ~ '^[0-9]{6}$');

CREATE TABLE accounts (
    code        account_code PRIMARY KEY,
    name        text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense'))
);

CREATE TABLE journal_entries (
    entry_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    posted_at   timestamptz NOT NULL DEFAULT now(),
    memo        text
);

CREATE TABLE postings (
    entry_id    bigint NOT NULL REFERENCES journal_entries (entry_id) ON DELETE CASCADE,
    line_no     smallint NOT NULL,
    account     account_code NOT NULL REFERENCES accounts (code),
    debit       positive_amount,
    credit      positive_amount,
    PRIMARY KEY (entry_id, line_no),
    CHECK ((debit IS NULL) <> (credit IS NULL))
);

CREATE TABLE balances (
    account     account_code PRIMARY KEY REFERENCES accounts (code),
    balance     amount NOT NULL DEFAULT 0
);
