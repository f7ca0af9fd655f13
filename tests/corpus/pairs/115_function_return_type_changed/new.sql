-- 115_function_return_type_changed: a count helper returns bigint instead of integer (drop + create).
-- This file is the state after the change.
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

CREATE FUNCTION account_leads(p_account integer) RETURNS bigint
LANGUAGE sql STABLE AS $$SELECT count(*) FROM leads WHERE account_id = p_account$$;
