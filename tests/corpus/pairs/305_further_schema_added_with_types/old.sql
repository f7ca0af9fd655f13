-- schema: rentals
-- 305_further_schema_added_with_types: a lettings agency in one schema. State before.
CREATE SCHEMA rentals;
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
