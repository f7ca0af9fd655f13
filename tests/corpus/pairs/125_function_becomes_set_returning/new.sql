-- 125_function_becomes_set_returning: a lookup returns a table of rows instead of one id.
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

CREATE FUNCTION newest_lead(p_account integer, p_limit integer DEFAULT 5)
RETURNS TABLE(lead_id integer, created_at timestamptz)
LANGUAGE sql STABLE ROWS 5 AS $$
  SELECT l.lead_id, l.created_at FROM leads l WHERE l.account_id = p_account ORDER BY l.created_at DESC LIMIT p_limit
$$;
