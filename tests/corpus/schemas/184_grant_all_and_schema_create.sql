-- schema: scratchpad
-- A team scratch area: the data team holds every privilege on its tables
-- and may create objects in the schema; the BI role only reads.
CREATE SCHEMA scratchpad;
SET search_path = scratchpad;

DO $$ BEGIN CREATE ROLE sp_data_team; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE sp_bi; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE experiments (
    experiment_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    started_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE observations (
    experiment_id integer NOT NULL REFERENCES experiments (experiment_id),
    observed_at   timestamptz NOT NULL,
    metric        text NOT NULL,
    value         double precision NOT NULL
);

CREATE INDEX observations_by_experiment ON observations (experiment_id, observed_at);

CREATE SEQUENCE batch_ids;

GRANT USAGE, CREATE ON SCHEMA scratchpad TO sp_data_team;
GRANT USAGE ON SCHEMA scratchpad TO sp_bi;
GRANT ALL ON experiments, observations TO sp_data_team;
GRANT ALL ON SEQUENCE batch_ids TO sp_data_team;
GRANT SELECT ON experiments, observations TO sp_bi;
