-- 244_composite_dropped: a legacy geo type, its column and a function over it are retired together.
-- This file is the state before the change.
CREATE TYPE lat_lng AS (
    lat double precision,
    lng double precision
);

CREATE TABLE stores (
    store_id    integer PRIMARY KEY,
    name        text NOT NULL,
    location    lat_lng
);

CREATE FUNCTION midpoint(a lat_lng, b lat_lng) RETURNS lat_lng
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ select ((a).lat + (b).lat) / 2, ((a).lng + (b).lng) / 2 $$;
