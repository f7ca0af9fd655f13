-- schema: routing
-- Last-mile delivery routing: stops partitioned by country (LIST), and each country
-- partition sub-partitioned its own way (FR by date RANGE, DE by HASH of route, NL
-- not at all); partition names follow the regional teams' habits.
CREATE SCHEMA routing;
SET search_path = routing;

CREATE TABLE couriers (
    courier_id  integer PRIMARY KEY,
    country     char(2) NOT NULL,
    name        text NOT NULL,
    vehicle     text NOT NULL DEFAULT 'van'
);

CREATE TABLE routes (
    route_id    bigint NOT NULL,
    country     char(2) NOT NULL,
    courier_id  integer REFERENCES couriers (courier_id),
    route_date  date NOT NULL,
    planned_km  numeric(7,2),
    PRIMARY KEY (route_id, country)
);

CREATE TABLE stops (
    country     char(2) NOT NULL,
    route_date  date NOT NULL,
    route_id    bigint NOT NULL,
    seq         smallint NOT NULL,
    address     text NOT NULL,
    eta         timestamptz,
    delivered   timestamptz,
    PRIMARY KEY (country, route_date, route_id, seq)
) PARTITION BY LIST (country);
CREATE TABLE stops_fr PARTITION OF stops FOR VALUES IN ('FR') PARTITION BY RANGE (route_date);
CREATE TABLE fr_2025_h1 PARTITION OF stops_fr FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
CREATE TABLE fr_2025_h2 PARTITION OF stops_fr FOR VALUES FROM ('2025-07-01') TO ('2026-01-01');
CREATE TABLE stops_de PARTITION OF stops FOR VALUES IN ('DE', 'AT') PARTITION BY HASH (route_id);
CREATE TABLE de_bucket_0 PARTITION OF stops_de FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE de_bucket_1 PARTITION OF stops_de FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE netherlands_stops PARTITION OF stops FOR VALUES IN ('NL', 'BE', 'LU');
CREATE TABLE stops_elsewhere PARTITION OF stops DEFAULT;
CREATE INDEX stops_route_idx ON stops (route_id, seq);
CREATE INDEX fr_2025_h2_undelivered_idx ON fr_2025_h2 (route_date) WHERE delivered IS NULL;

CREATE TABLE depots (
    depot_code  text PRIMARY KEY,
    country     char(2) NOT NULL,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL
);

CREATE TABLE route_events (
    route_id    bigint NOT NULL,
    country     char(2) NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    kind        text NOT NULL,
    FOREIGN KEY (route_id, country) REFERENCES routes (route_id, country) ON DELETE CASCADE
);
