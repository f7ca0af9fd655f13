-- 116_function_options_changed: a helper is marked immutable, strict, parallel safe and cheaper.
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

CREATE FUNCTION normalize_status(p_status text) RETURNS text
LANGUAGE sql AS $$SELECT lower(trim(p_status))$$;
