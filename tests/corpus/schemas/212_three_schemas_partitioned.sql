-- schema: core
-- also: audit, reporting
-- A core schema, an audit schema with a partitioned log, and a reporting schema.
CREATE SCHEMA core;
CREATE SCHEMA audit;
CREATE SCHEMA reporting;
COMMENT ON SCHEMA audit IS 'Append-only history';
CREATE TABLE core.users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE
);
CREATE TABLE audit.events (
  id bigint NOT NULL,
  user_id uuid NOT NULL REFERENCES core.users (id),
  happened_at timestamptz NOT NULL,
  action text NOT NULL,
  PRIMARY KEY (id, happened_at)
) PARTITION BY RANGE (happened_at);
CREATE TABLE audit.events_2026_01 PARTITION OF audit.events
  FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00');
CREATE TABLE audit.events_2026_02 PARTITION OF audit.events
  FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00');
CREATE INDEX events_user_idx ON audit.events (user_id);
CREATE MATERIALIZED VIEW reporting.actions_per_user AS
  SELECT user_id, count(*) AS actions FROM audit.events GROUP BY user_id;
CREATE TABLE reporting.saved_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES core.users (id),
  title text NOT NULL
);
