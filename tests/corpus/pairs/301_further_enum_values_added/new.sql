-- schema: billing
-- also: billing_types
-- 301_further_enum_values_added: the invoice-state enum of billing_types gains 'approved'
-- in the middle (ADD VALUE 'approved' BEFORE 'sent') and 'written_off' at the end. State after.
CREATE SCHEMA billing;
CREATE SCHEMA billing_types;
CREATE TYPE billing_types.invoice_state AS ENUM ('draft', 'approved', 'sent', 'paid', 'written_off');
CREATE TABLE billing.accounts (
  account_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE billing.invoices (
  invoice_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES billing.accounts (account_id),
  state billing_types.invoice_state NOT NULL DEFAULT 'draft',
  total numeric(12, 2) NOT NULL,
  CONSTRAINT invoices_paid_not_zero CHECK (state <> 'paid' OR total > 0)
);
CREATE INDEX invoices_unpaid_idx ON billing.invoices (account_id) WHERE state = 'sent';
CREATE TABLE billing_types.state_history (
  invoice_id bigint NOT NULL REFERENCES billing.invoices (invoice_id) ON DELETE CASCADE,
  state billing_types.invoice_state NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (invoice_id, at)
);
