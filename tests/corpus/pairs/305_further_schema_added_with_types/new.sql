-- schema: rentals
-- also: rentals_deposits
-- 305_further_schema_added_with_types: the tier gains the schema rentals_deposits holding a
-- deposit-state enum, a money domain and a new table using both. State after.
CREATE SCHEMA rentals;
CREATE SCHEMA rentals_deposits;
COMMENT ON SCHEMA rentals_deposits IS 'Deposit protection, kept apart for the scheme auditors';
CREATE TYPE rentals_deposits.deposit_state AS ENUM ('held', 'disputed', 'returned', 'forfeited');
CREATE DOMAIN rentals_deposits.pounds AS numeric(10, 2)
  NOT NULL
  DEFAULT 0
  CONSTRAINT pounds_not_negative CHECK (VALUE >= 0);
CREATE TABLE rentals.agencies (
  agency_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE rentals.properties (
  property_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES rentals.agencies (agency_id),
  address text NOT NULL,
  postcode text NOT NULL
);
CREATE TABLE rentals.tenancies (
  tenancy_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  property_id bigint NOT NULL REFERENCES rentals.properties (property_id),
  starts_on date NOT NULL,
  ends_on date
);
CREATE TABLE rentals_deposits.deposits (
  tenancy_id bigint PRIMARY KEY REFERENCES rentals.tenancies (tenancy_id),
  amount rentals_deposits.pounds,
  deducted rentals_deposits.pounds,
  state rentals_deposits.deposit_state NOT NULL DEFAULT 'held',
  scheme_ref text NOT NULL UNIQUE,
  CONSTRAINT deposits_deduction_within_amount CHECK (deducted <= amount)
);
