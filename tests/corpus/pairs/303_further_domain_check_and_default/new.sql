-- schema: lab
-- also: lab_types
-- 303_further_domain_check_and_default: the volume domain of lab_types gains an upper-bound
-- check (its stored values fit) and its default changes from 1 to 5 ml. State after.
CREATE SCHEMA lab;
CREATE SCHEMA lab_types;
CREATE DOMAIN lab_types.volume_ml AS numeric(8, 2)
  DEFAULT 5
  CONSTRAINT volume_ml_positive CHECK (VALUE > 0)
  CONSTRAINT volume_ml_at_most_half_litre CHECK (VALUE <= 500);
CREATE TABLE lab.customers (
  customer_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE lab.samples (
  sample_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES lab.customers (customer_id),
  barcode text NOT NULL UNIQUE,
  volume lab_types.volume_ml NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE lab_types.container_kinds (
  kind text PRIMARY KEY,
  capacity lab_types.volume_ml NOT NULL
);
INSERT INTO lab_types.container_kinds VALUES ('vacutainer', 10), ('urine_cup', 120);
