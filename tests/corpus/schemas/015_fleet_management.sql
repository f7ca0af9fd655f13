-- schema: fleet
-- Fleet management built on table inheritance (predates declarative partitioning):
-- vehicles is the parent, trucks and vans add columns; a NO INHERIT check keeps
-- rows out of the parent itself; maintenance_events inherits from two parents.
CREATE SCHEMA fleet;
SET search_path = fleet;

CREATE TABLE depots (
    depot_id  integer PRIMARY KEY,
    name      text NOT NULL
);

CREATE TABLE vehicles (
    vin          char(17) NOT NULL CHECK (vin ~ '^[A-HJ-NPR-Z0-9]{17}$'),
    plate        text NOT NULL,
    depot_id     integer NOT NULL,
    acquired_on  date NOT NULL,
    retired_on   date,
    odometer_km  integer NOT NULL DEFAULT 0 CHECK (odometer_km >= 0),
    CONSTRAINT vehicles_parent_empty CHECK (false) NO INHERIT,
    CONSTRAINT vehicles_retired_check CHECK (retired_on IS NULL OR retired_on > acquired_on)
);
COMMENT ON CONSTRAINT vehicles_parent_empty ON vehicles IS 'Rows go into a child table, never here.';

CREATE TABLE trucks (
    axles         smallint NOT NULL CHECK (axles BETWEEN 2 AND 9),
    payload_kg    integer NOT NULL,
    hazmat_ok     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (vin),
    FOREIGN KEY (depot_id) REFERENCES depots (depot_id)
) INHERITS (vehicles);

CREATE TABLE vans (
    seats         smallint NOT NULL DEFAULT 2,
    refrigerated  boolean NOT NULL DEFAULT false,
    odometer_km   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (vin),
    FOREIGN KEY (depot_id) REFERENCES depots (depot_id)
) INHERITS (vehicles);

CREATE TABLE drivers (
    driver_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name    text NOT NULL,
    licence_no   text NOT NULL UNIQUE,
    licence_exp  date NOT NULL
);

CREATE TABLE event_base (
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    recorded_by  text NOT NULL DEFAULT current_user
);

CREATE TABLE cost_base (
    cost_eur     numeric(10,2) NOT NULL DEFAULT 0 CHECK (cost_eur >= 0)
);

CREATE TABLE maintenance_events (
    event_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vin          char(17) NOT NULL,
    kind         text NOT NULL,
    notes        text
) INHERITS (event_base, cost_base);

CREATE TABLE trips (
    trip_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vin          char(17) NOT NULL REFERENCES trucks (vin),
    driver_id    integer NOT NULL REFERENCES drivers (driver_id),
    departed_at  timestamptz NOT NULL,
    arrived_at   timestamptz,
    distance_km  numeric(8,1)
);
