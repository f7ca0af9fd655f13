-- schema: ledger
-- Default privileges declared (PUBLIC's EXECUTE revoked database-wide, the
-- schema's new tables and functions granted), then a table and functions
-- created that carry them; the tables from before keep their own grants.
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

ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA ledger GRANT SELECT, INSERT ON TABLES TO ledger_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA ledger GRANT SELECT ON TABLES TO ledger_audit WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES IN SCHEMA ledger GRANT EXECUTE ON FUNCTIONS TO ledger_api;

CREATE TABLE ledger.balances (
    account_id bigint PRIMARY KEY REFERENCES ledger.accounts (account_id),
    cents      bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION ledger.balance_of(p_account bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(cents), 0)::bigint FROM ledger.entries WHERE account_id = p_account $$;

CREATE PROCEDURE ledger.rebuild_balances()
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ledger.balances;
  INSERT INTO ledger.balances SELECT account_id, sum(cents) FROM ledger.entries GROUP BY account_id;
END $$;
