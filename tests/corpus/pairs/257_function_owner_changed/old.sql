-- schema: routing
-- Routing routines owned by whoever runs the migrations.
CREATE SCHEMA routing;
SET search_path = routing;

DO $$ BEGIN CREATE ROLE routing_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE routing_worker; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE depots (
    depot_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code     text NOT NULL UNIQUE,
    lat      double precision NOT NULL,
    lon      double precision NOT NULL
);

CREATE TABLE stops (
    stop_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    depot_id bigint NOT NULL REFERENCES depots (depot_id),
    lat      double precision NOT NULL,
    lon      double precision NOT NULL,
    window_start time NOT NULL,
    window_end   time NOT NULL
);

CREATE FUNCTION distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT 6371 * 2 * asin(sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;

CREATE FUNCTION nearest_depot(p_lat double precision, p_lon double precision) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT depot_id FROM routing.depots
  ORDER BY routing.distance_km(lat, lon, p_lat, p_lon) LIMIT 1
$$;

CREATE PROCEDURE reassign_stops(p_from bigint, p_to bigint)
LANGUAGE sql AS $$
  UPDATE routing.stops SET depot_id = p_to WHERE depot_id = p_from
$$;

REVOKE EXECUTE ON PROCEDURE reassign_stops(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE reassign_stops(bigint, bigint) TO routing_worker;
