-- Change-data-capture source for the data warehouse: replica identity chosen per
-- table (FULL for the audit table, NOTHING for a scratch table, an explicit unique
-- index elsewhere), storage options for hot tables.
CREATE TABLE accounts (
    account_no   text NOT NULL,
    region       char(2) NOT NULL,
    holder       text NOT NULL,
    opened_on    date NOT NULL DEFAULT current_date,
    surrogate_id bigint GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT accounts_surrogate_key UNIQUE (surrogate_id)
);
CREATE UNIQUE INDEX accounts_natural_key ON accounts (region, account_no);
ALTER TABLE accounts REPLICA IDENTITY USING INDEX accounts_natural_key;

CREATE TABLE balances (
    account_id   bigint PRIMARY KEY REFERENCES accounts (surrogate_id),
    balance      numeric(16,2) NOT NULL DEFAULT 0,
    as_of        timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);

CREATE TABLE audit_events (
    event_id     bigint GENERATED ALWAYS AS IDENTITY,
    table_name   text NOT NULL,
    action       char(1) NOT NULL CHECK (action IN ('I', 'U', 'D')),
    actor        text NOT NULL DEFAULT session_user,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    old_row      jsonb,
    new_row      jsonb
);
ALTER TABLE audit_events REPLICA IDENTITY FULL;

CREATE TABLE import_scratch (
    batch_id     uuid NOT NULL,
    line_no      integer NOT NULL,
    raw          text
) WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
ALTER TABLE import_scratch REPLICA IDENTITY NOTHING;

CREATE TABLE transfers (
    transfer_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_account bigint NOT NULL REFERENCES accounts (surrogate_id),
    to_account   bigint NOT NULL REFERENCES accounts (surrogate_id),
    amount       numeric(16,2) NOT NULL CHECK (amount > 0),
    booked_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (from_account <> to_account)
) WITH (fillfactor = 90);
ALTER TABLE transfers REPLICA IDENTITY DEFAULT;

CREATE TABLE exchange_rates (
    base       char(3) NOT NULL,
    quote      char(3) NOT NULL,
    day        date NOT NULL,
    rate       numeric(18,8) NOT NULL,
    PRIMARY KEY (base, quote, day)
) WITH (toast_tuple_target = 256, parallel_workers = 2);
