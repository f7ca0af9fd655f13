-- 113_procedure_added: a nightly clean-up procedure is added.
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
