-- 160_domains_reused_by_new_table: a new table uses existing domains; a domain-typed column is added to an old table.
-- This file is the state before the change.
CREATE DOMAIN money_cents AS bigint CONSTRAINT money_cents_nonnegative CHECK (VALUE >= 0);
CREATE DOMAIN currency AS char(3) DEFAULT 'EUR';

CREATE TABLE invoices (
    invoice_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    total       money_cents NOT NULL,
    currency    currency NOT NULL
);
