-- 011_validate_check: a check added NOT VALID during a backfill is validated.
-- This file is the state after the change.
CREATE TABLE accounts (
    account_id  integer PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE entries (
    entry_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  integer NOT NULL,
    amount      numeric(14,2) NOT NULL,
    booked_on   date NOT NULL,
    memo        text
);

ALTER TABLE entries ADD CONSTRAINT entries_amount_nonzero CHECK (amount <> 0);
