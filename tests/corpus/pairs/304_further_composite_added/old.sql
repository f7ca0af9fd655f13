-- schema: fleet
-- also: fleet_types
-- 304_further_composite_added: a position composite in fleet_types. State before.
CREATE SCHEMA fleet;
CREATE SCHEMA fleet_types;
CREATE TYPE fleet_types.geo_point AS (
  lat double precision,
  lon double precision
);
CREATE TABLE fleet.operators (
  operator_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE fleet.vehicles (
  vehicle_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id uuid NOT NULL REFERENCES fleet.operators (operator_id),
  plate text NOT NULL UNIQUE,
  last_seen fleet_types.geo_point
);
CREATE TABLE fleet_types.depots (
  depot_code text PRIMARY KEY,
  location fleet_types.geo_point NOT NULL
);
