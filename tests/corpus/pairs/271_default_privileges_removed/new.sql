-- schema: ledger
-- The ledger after its default privileges are dropped.
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

-- the defaults are gone; the objects they shaped keep what they were given
CREATE TABLE ledger.balances (
    account_id bigint PRIMARY KEY REFERENCES ledger.accounts (account_id),
    cents      bigint NOT NULL DEFAULT 0
);
GRANT SELECT, INSERT ON ledger.balances TO ledger_api;
GRANT SELECT ON ledger.balances TO ledger_audit WITH GRANT OPTION;

CREATE FUNCTION ledger.balance_of(p_account bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(cents), 0)::bigint FROM ledger.entries WHERE account_id = p_account $$;
REVOKE EXECUTE ON FUNCTION ledger.balance_of(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger.balance_of(bigint) TO ledger_api;

CREATE PROCEDURE ledger.rebuild_balances()
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ledger.balances;
  INSERT INTO ledger.balances SELECT account_id, sum(cents) FROM ledger.entries GROUP BY account_id;
END $$;
REVOKE EXECUTE ON PROCEDURE ledger.rebuild_balances() FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE ledger.rebuild_balances() TO ledger_api;
