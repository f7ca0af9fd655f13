-- 014_foreign_key_to_not_valid: the reverse: a validated foreign key becomes NOT VALID (re-added during a data repair).
-- This file is the state before the change.
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

ALTER TABLE entries ADD CONSTRAINT entries_account_fkey FOREIGN KEY (account_id) REFERENCES accounts (account_id);
