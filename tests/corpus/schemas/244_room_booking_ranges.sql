-- Room booking over user-defined range types: a time-of-day range with a
-- difference function and an exclusion constraint against double booking, a
-- float range with its multirange column, and a text range with collation "C"
-- and a multirange type named by the team.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE FUNCTION time_of_day_diff(a time, b time) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ select extract(epoch from a - b)::double precision $$;

CREATE TYPE time_of_day_range AS RANGE (
    subtype = time,
    subtype_diff = time_of_day_diff
);
COMMENT ON TYPE time_of_day_range IS 'Opening hours within one day';

CREATE TYPE temperature_range AS RANGE (
    subtype = float8,
    subtype_diff = float8mi
);

CREATE TYPE shelf_span AS RANGE (
    subtype = text,
    collation = "C",
    multirange_type_name = shelf_spans
);

CREATE TABLE rooms (
    room_id     integer PRIMARY KEY,
    name        text NOT NULL,
    comfort     temperature_range NOT NULL DEFAULT '[19,23]'
);

CREATE TABLE weekly_slots (
    slot_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id     integer NOT NULL REFERENCES rooms (room_id),
    weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    hours       time_of_day_range NOT NULL,
    CONSTRAINT weekly_slots_no_overlap EXCLUDE USING gist (room_id WITH =, weekday WITH =, hours WITH &&)
);

CREATE TABLE sensor_logs (
    log_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id     integer NOT NULL REFERENCES rooms (room_id),
    logged_on   date NOT NULL,
    observed    temperature_multirange NOT NULL
);

CREATE TABLE archive_shelves (
    shelf_id    integer PRIMARY KEY,
    room_id     integer REFERENCES rooms (room_id),
    labels      shelf_span NOT NULL,
    gaps        shelf_spans
);
CREATE INDEX archive_shelves_labels_idx ON archive_shelves USING gist (labels);
