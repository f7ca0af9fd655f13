-- 248_range_type_dropped: a version range type is retired with its columns, its multirange column and the function measuring it.
-- This file is the state before the change.
CREATE FUNCTION semver_diff(a numeric, b numeric) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ select (a - b)::double precision $$;

CREATE TYPE version_span AS RANGE (subtype = numeric, subtype_diff = semver_diff);

CREATE TABLE packages (
    package_id  integer PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    supported   version_span,
    skipped     version_span_multirange
);
