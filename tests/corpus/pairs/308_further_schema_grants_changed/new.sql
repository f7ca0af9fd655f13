-- schema: lab
-- also: lab_private
CREATE SCHEMA lab;
CREATE SCHEMA lab_private;
DO $$ BEGIN CREATE ROLE lab_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE lab_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
REVOKE ALL ON SCHEMA lab_private FROM PUBLIC;
GRANT USAGE ON SCHEMA lab_private TO lab_reader;
GRANT USAGE, CREATE ON SCHEMA lab_private TO lab_writer WITH GRANT OPTION;
CREATE TYPE lab_private.sample_state AS ENUM ('received', 'tested', 'archived');
CREATE TABLE lab.samples (
  sample_id uuid PRIMARY KEY,
  state lab_private.sample_state NOT NULL DEFAULT 'received'
);
CREATE TABLE lab_private.results (
  sample_id uuid PRIMARY KEY REFERENCES lab.samples (sample_id),
  value numeric NOT NULL
);
