-- schema: freight
-- also: freight_types
-- A freight broker: the weight domain (NOT NULL, a default and a named check) and the
-- equipment enum live in the types schema and are used by tables of both schemas; the
-- broker schema layers its own domains on them (a payload cap over the weight domain,
-- a reefer-only domain over the enum).
CREATE SCHEMA freight;
CREATE SCHEMA freight_types;

CREATE DOMAIN freight_types.weight_kg AS numeric(10, 2)
  NOT NULL
  DEFAULT 0
  CONSTRAINT weight_kg_not_negative CHECK (VALUE >= 0);
CREATE TYPE freight_types.equipment_kind AS ENUM (
  'dry_van', 'flatbed', 'reefer', 'reefer_multi_temp', 'tanker'
);
CREATE DOMAIN freight_types.scac_code AS varchar(4)
  CONSTRAINT scac_code_shape CHECK (VALUE ~ '^[A-Z]{2,4}$');

CREATE DOMAIN freight.payload_kg AS freight_types.weight_kg
  CONSTRAINT payload_kg_road_limit CHECK (VALUE <= 45000);
CREATE DOMAIN freight.reefer_equipment AS freight_types.equipment_kind
  CONSTRAINT reefer_equipment_only CHECK (VALUE IN ('reefer', 'reefer_multi_temp'));

CREATE TABLE freight.brokerages (
  brokerage_id uuid PRIMARY KEY,
  name text NOT NULL,
  mc_number text NOT NULL UNIQUE
);

CREATE TABLE freight.carriers (
  carrier_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  brokerage_id uuid NOT NULL REFERENCES freight.brokerages (brokerage_id),
  scac freight_types.scac_code NOT NULL,
  legal_name text NOT NULL,
  UNIQUE (brokerage_id, scac)
);

CREATE TABLE freight.loads (
  load_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  brokerage_id uuid NOT NULL REFERENCES freight.brokerages (brokerage_id),
  carrier_id bigint REFERENCES freight.carriers (carrier_id),
  equipment freight_types.equipment_kind NOT NULL DEFAULT 'dry_van',
  gross_weight freight_types.weight_kg,
  payload freight.payload_kg,
  pickup_on date NOT NULL,
  CONSTRAINT loads_payload_within_gross CHECK (payload <= gross_weight)
);
CREATE INDEX loads_heavy_idx ON freight.loads (brokerage_id, pickup_on) WHERE payload > 20000;

CREATE TABLE freight.reefer_settings (
  load_id bigint PRIMARY KEY REFERENCES freight.loads (load_id) ON DELETE CASCADE,
  equipment freight.reefer_equipment NOT NULL DEFAULT 'reefer',
  setpoint_c numeric(4, 1) NOT NULL CHECK (setpoint_c BETWEEN -30 AND 25)
);

CREATE TABLE freight_types.axle_limits (
  axle_count smallint PRIMARY KEY CHECK (axle_count BETWEEN 2 AND 9),
  max_gross freight_types.weight_kg,
  max_payload freight.payload_kg
);

CREATE TABLE freight_types.equipment_tare (
  equipment freight_types.equipment_kind PRIMARY KEY,
  tare freight_types.weight_kg DEFAULT 7500,
  note text
);

COMMENT ON DOMAIN freight_types.weight_kg IS 'Kilograms to two decimals, never negative';
COMMENT ON DOMAIN freight.payload_kg IS 'Cargo weight on one truck, under the road limit';
