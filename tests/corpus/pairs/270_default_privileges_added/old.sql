-- schema: ledger
-- A ledger schema before it declares default privileges.
CREATE SCHEMA ledger;

DO $$ BEGIN CREATE ROLE ledger_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE ledger_audit; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE ledger.accounts (
    account_id bigint PRIMARY KEY,
    name       text NOT NULL
);

CREATE TABLE ledger.entries (
    entry_id   bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES ledger.accounts (account_id),
    cents      bigint NOT NULL
);

GRANT SELECT ON ledger.accounts TO ledger_audit;
