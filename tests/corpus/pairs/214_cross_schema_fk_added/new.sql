-- schema: billing
-- also: billing_ledger
CREATE SCHEMA billing;
CREATE SCHEMA billing_ledger;
CREATE TABLE billing.customers (
  id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE billing_ledger.entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES billing.customers (id),
  amount_cents bigint NOT NULL
);
CREATE INDEX entries_customer_idx ON billing_ledger.entries (customer_id);
