-- Double-entry ledger: deferrable primary key on journal lines (the posting job
-- renumbers lines inside a transaction), NULLS NOT DISTINCT idempotency keys,
-- covering indexes with INCLUDE, DESC NULLS FIRST ordering, ON UPDATE CASCADE.
CREATE TABLE currencies (
    code      char(3) PRIMARY KEY,
    minor     smallint NOT NULL DEFAULT 2
);

CREATE TABLE ledgers (
    ledger_id  integer PRIMARY KEY,
    name       text NOT NULL,
    currency   char(3) NOT NULL REFERENCES currencies (code) ON UPDATE CASCADE
);

CREATE TABLE ledger_accounts (
    account_code text NOT NULL,
    ledger_id    integer NOT NULL REFERENCES ledgers (ledger_id),
    kind         text NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
    parent_code  text,
    closed_at    timestamptz,
    PRIMARY KEY (ledger_id, account_code),
    FOREIGN KEY (ledger_id, parent_code) REFERENCES ledger_accounts (ledger_id, account_code)
        ON UPDATE CASCADE ON DELETE RESTRICT
);

CREATE TABLE journal_entries (
    entry_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ledger_id       integer NOT NULL REFERENCES ledgers (ledger_id),
    idempotency_key text,
    source          text,
    posted_at       timestamptz,
    memo            text,
    CONSTRAINT journal_entries_idem_key UNIQUE NULLS NOT DISTINCT (ledger_id, source, idempotency_key)
);
CREATE INDEX journal_entries_posted_idx ON journal_entries (ledger_id, posted_at DESC NULLS FIRST);

CREATE TABLE journal_lines (
    entry_id     bigint NOT NULL REFERENCES journal_entries (entry_id) ON DELETE CASCADE,
    line_no      smallint NOT NULL,
    ledger_id    integer NOT NULL,
    account_code text NOT NULL,
    debit        numeric(20,4) NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit       numeric(20,4) NOT NULL DEFAULT 0 CHECK (credit >= 0),
    CONSTRAINT journal_lines_pkey PRIMARY KEY (entry_id, line_no) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT journal_lines_one_side CHECK ((debit = 0) <> (credit = 0)),
    FOREIGN KEY (ledger_id, account_code) REFERENCES ledger_accounts (ledger_id, account_code)
        ON UPDATE CASCADE
);
CREATE INDEX journal_lines_account_idx ON journal_lines (ledger_id, account_code)
    INCLUDE (debit, credit);

CREATE TABLE account_balances (
    ledger_id    integer NOT NULL,
    account_code text NOT NULL,
    as_of        date NOT NULL,
    balance      numeric(20,4) NOT NULL,
    PRIMARY KEY (ledger_id, account_code, as_of),
    FOREIGN KEY (ledger_id, account_code) REFERENCES ledger_accounts (ledger_id, account_code)
        ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE UNIQUE INDEX account_balances_latest_idx ON account_balances (ledger_id, account_code, as_of DESC)
    INCLUDE (balance);

CREATE TABLE payouts (
    payout_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id    bigint UNIQUE REFERENCES journal_entries (entry_id),
    beneficiary text NOT NULL,
    reference   text,
    sent_at     timestamptz,
    CONSTRAINT payouts_reference_key UNIQUE NULLS NOT DISTINCT (beneficiary, reference)
);
CREATE INDEX payouts_unsent_idx ON payouts (payout_id) WHERE sent_at IS NULL;
