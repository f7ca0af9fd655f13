-- 013_check_to_not_valid: the reverse: a validated check is recreated NOT VALID with a wider rule.
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

ALTER TABLE entries ADD CONSTRAINT entries_booked_recent CHECK (booked_on >= DATE '2015-01-01') NOT VALID;
