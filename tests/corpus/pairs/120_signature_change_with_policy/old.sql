-- 120_signature_change_with_policy: a function a policy calls gains an argument: the policy is dropped first and re-created after.
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

CREATE FUNCTION visible_status(p_status text) RETURNS boolean
LANGUAGE sql STABLE AS $$SELECT p_status <> 'deleted'$$;

ALTER TABLE leads ENABLE ROW LEVEL SECURITY;
CREATE POLICY hide_deleted ON leads FOR SELECT USING (visible_status(status));
