-- 125_function_becomes_set_returning: a lookup returns a table of rows instead of one id.
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

CREATE FUNCTION newest_lead(p_account integer) RETURNS integer
LANGUAGE sql STABLE AS $$SELECT max(lead_id) FROM leads WHERE account_id = p_account$$;
