-- schema: ops
-- also: ops_shared
-- 302_enum_moved_to_further_schema: the severity enum is in ops, used by tables of both
-- schemas. State before.
CREATE SCHEMA ops;
CREATE SCHEMA ops_shared;
CREATE TYPE ops.severity AS ENUM ('sev4', 'sev3', 'sev2', 'sev1');
COMMENT ON TYPE ops.severity IS 'Incident severity, sev1 the worst';
CREATE TABLE ops.services (
  service_id integer PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE ops.incidents (
  incident_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service_id integer NOT NULL REFERENCES ops.services (service_id),
  severity ops.severity NOT NULL DEFAULT 'sev3',
  opened_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX incidents_major_open_idx ON ops.incidents (service_id)
  WHERE severity >= 'sev2' AND resolved_at IS NULL;
CREATE TABLE ops_shared.paging_rules (
  rule_id integer PRIMARY KEY,
  min_severity ops.severity NOT NULL,
  rota text NOT NULL
);
