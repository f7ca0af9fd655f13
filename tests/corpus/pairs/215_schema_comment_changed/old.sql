-- schema: ops
-- also: ops_archive
CREATE SCHEMA ops;
CREATE SCHEMA ops_archive;
COMMENT ON SCHEMA ops_archive IS 'Old rows';
CREATE TABLE ops.jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE ops_archive.jobs_done (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  finished_at timestamptz NOT NULL
);
