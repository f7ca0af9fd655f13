-- 118_function_argument_default_added: an argument gains a default (the down cannot take a default away in place: drop + create).
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

CREATE FUNCTION recent_leads(p_account integer, p_days integer DEFAULT 30) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM leads WHERE account_id = p_account AND created_at > now() - make_interval(days => p_days)
$$;
