-- 122_signature_change_with_default: a function a column default calls changes its return type: the default is dropped and set again.
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

CREATE FUNCTION default_plan() RETURNS text
LANGUAGE sql IMMUTABLE AS $$SELECT 'free'::text$$;

CREATE TABLE trials (
    trial_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan     text NOT NULL DEFAULT default_plan()
);
