-- 012_validate_foreign_key: a foreign key added NOT VALID is validated once orphans are cleaned up.
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

ALTER TABLE entries ADD CONSTRAINT entries_account_fkey FOREIGN KEY (account_id) REFERENCES accounts (account_id);
