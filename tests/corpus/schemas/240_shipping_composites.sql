-- Parcel shipping whose addresses and measurements are composite types: an address
-- with a "C"-collated city, a route nesting two addresses, an array of addresses
-- per parcel, and a SQL function returning a route.
CREATE TYPE postal_address AS (
    street   text,
    city     text COLLATE "C",
    postcode varchar(10),
    country  char(2)
);
COMMENT ON TYPE postal_address IS 'Where a parcel is picked up or delivered';

CREATE TYPE parcel_size AS (
    length_cm integer,
    width_cm  integer,
    height_cm integer,
    weight_g  integer
);

CREATE TYPE route AS (
    origin      postal_address,
    destination postal_address,
    distance_km numeric(8,1)
);

CREATE TABLE carriers (
    carrier_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    depot       postal_address NOT NULL
);

CREATE TABLE parcels (
    parcel_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    carrier_id  bigint NOT NULL REFERENCES carriers (carrier_id),
    ship_to     postal_address NOT NULL,
    size        parcel_size,
    stops       postal_address[] NOT NULL DEFAULT '{}',
    planned     route,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parcels_carrier_idx ON parcels (carrier_id);
COMMENT ON COLUMN parcels.stops IS 'Hand-over points in order';

CREATE TABLE delivery_attempts (
    attempt_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parcel_id   bigint NOT NULL REFERENCES parcels (parcel_id) ON DELETE CASCADE,
    attempted_at timestamptz NOT NULL,
    left_at     postal_address
);

CREATE TABLE tariffs (
    tariff_id   integer PRIMARY KEY,
    max_size    parcel_size NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents > 0)
);

CREATE FUNCTION direct_route(p_from postal_address, p_to postal_address) RETURNS route
    LANGUAGE sql IMMUTABLE
    AS $$ select row(p_from, p_to, 0)::route $$;
