-- schema: field_ops
-- Precision-agriculture platform: soil probes hash-partitioned by probe, a FULL
-- replica identity on the irrigation log shipped to the vendor, BRIN on time.
CREATE SCHEMA field_ops;

CREATE TABLE field_ops.farms (
    farm_id     integer PRIMARY KEY,
    name        text NOT NULL,
    hectares    numeric(9,2) NOT NULL
);

CREATE TABLE field_ops.fields (
    field_id    integer PRIMARY KEY,
    farm_id     integer NOT NULL REFERENCES field_ops.farms (farm_id),
    crop        text,
    soil_type   text
);

CREATE TABLE field_ops.probes (
    probe_id    integer PRIMARY KEY,
    field_id    integer NOT NULL REFERENCES field_ops.fields (field_id),
    depth_cm    smallint NOT NULL CHECK (depth_cm IN (10, 30, 60, 90)),
    installed   date NOT NULL
);

CREATE TABLE field_ops.soil_readings (
    probe_id    integer NOT NULL,
    taken_at    timestamptz NOT NULL,
    moisture    real NOT NULL,
    temperature real,
    salinity    real
) PARTITION BY HASH (probe_id);
CREATE TABLE field_ops.soil_readings_0 PARTITION OF field_ops.soil_readings FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE field_ops.soil_readings_1 PARTITION OF field_ops.soil_readings FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE field_ops.soil_readings_2 PARTITION OF field_ops.soil_readings FOR VALUES WITH (MODULUS 3, REMAINDER 2);
CREATE INDEX soil_readings_time_brin ON field_ops.soil_readings USING brin (taken_at);
CREATE INDEX soil_readings_probe_time ON field_ops.soil_readings (probe_id, taken_at DESC);

CREATE TABLE field_ops.irrigation_log (
    field_id    integer NOT NULL REFERENCES field_ops.fields (field_id),
    started_at  timestamptz NOT NULL,
    minutes     smallint NOT NULL,
    litres      integer
);
ALTER TABLE field_ops.irrigation_log REPLICA IDENTITY FULL;

CREATE TABLE field_ops.weather_stations (
    station_id  text PRIMARY KEY,
    farm_id     integer REFERENCES field_ops.farms (farm_id),
    lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon         double precision NOT NULL CHECK (lon BETWEEN -180 AND 180)
);
