-- 121_return_change_with_view: a function a view reads returns numeric instead of integer: the view is re-created.
-- This file is the state before the change.
CREATE TABLE accounts (
    account_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    plan       text NOT NULL DEFAULT 'free'
);

CREATE TABLE leads (
    lead_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id integer NOT NULL REFERENCES accounts (account_id),
    status     text NOT NULL DEFAULT 'new',
    visits     integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION conversion(p_account integer) RETURNS integer
LANGUAGE sql STABLE AS $$SELECT count(*) FILTER (WHERE status = 'won')::integer FROM leads WHERE account_id = p_account$$;

CREATE VIEW account_conversion AS
  SELECT a.account_id, a.name, conversion(a.account_id) AS won FROM accounts a;
