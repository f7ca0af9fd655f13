-- schema: ops
-- Incident tracking where no routine is open to PUBLIC: EXECUTE is revoked
-- from PUBLIC on every routine and USAGE on the severity enum; the
-- dashboard reads counts, and only on-call may close stale incidents.
CREATE SCHEMA ops;
SET search_path = ops;

DO $$ BEGIN CREATE ROLE ops_oncall; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE ops_dashboard; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE severity AS ENUM ('info', 'warning', 'critical');

CREATE TABLE services (
    service_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    owner_team text NOT NULL
);

CREATE TABLE incidents (
    incident_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id  bigint NOT NULL REFERENCES services (service_id),
    level       severity NOT NULL,
    opened_at   timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz
);

CREATE FUNCTION open_incidents(p_service bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM ops.incidents WHERE service_id = p_service AND closed_at IS NULL
$$;

CREATE FUNCTION is_urgent(p_level severity) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT AS $$SELECT p_level = 'critical'$$;

CREATE PROCEDURE close_stale(p_days integer DEFAULT 30)
LANGUAGE sql AS $$
  UPDATE ops.incidents SET closed_at = now()
  WHERE closed_at IS NULL AND opened_at < now() - make_interval(days => p_days)
$$;

REVOKE EXECUTE ON FUNCTION open_incidents(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION is_urgent(severity) FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE close_stale(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION open_incidents(bigint) TO ops_dashboard, ops_oncall;
GRANT EXECUTE ON FUNCTION is_urgent(severity) TO ops_dashboard;
GRANT EXECUTE ON PROCEDURE close_stale(integer) TO ops_oncall;
REVOKE USAGE ON TYPE severity FROM PUBLIC;
GRANT USAGE ON TYPE severity TO ops_dashboard;
GRANT USAGE ON SCHEMA ops TO ops_dashboard, ops_oncall;
