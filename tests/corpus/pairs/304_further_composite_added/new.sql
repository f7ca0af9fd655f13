-- schema: fleet
-- also: fleet_types
-- 304_further_composite_added: the position composite of fleet_types gains an appended
-- accuracy attribute (ALTER TYPE … ADD ATTRIBUTE), and a new odometer composite there,
-- nesting the position, is stored by a new column. State after.
CREATE SCHEMA fleet;
CREATE SCHEMA fleet_types;
CREATE TYPE fleet_types.geo_point AS (
  lat double precision,
  lon double precision,
  accuracy_m real
);
CREATE TYPE fleet_types.odometer_reading AS (
  km numeric(9, 1),
  read_at timestamptz,
  at_point fleet_types.geo_point
);
COMMENT ON TYPE fleet_types.odometer_reading IS 'The last odometer reading a vehicle reported';
CREATE TABLE fleet.operators (
  operator_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE fleet.vehicles (
  vehicle_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operator_id uuid NOT NULL REFERENCES fleet.operators (operator_id),
  plate text NOT NULL UNIQUE,
  last_seen fleet_types.geo_point,
  last_odometer fleet_types.odometer_reading
);
CREATE TABLE fleet_types.depots (
  depot_code text PRIMARY KEY,
  location fleet_types.geo_point NOT NULL
);
