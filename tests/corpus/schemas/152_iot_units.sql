-- Sensor readings with unit domains: a celsius domain over double precision with
-- a physical lower bound, humidity as a percentage, device serials as a domain over varchar.
CREATE DOMAIN celsius AS double precision CONSTRAINT celsius_above_absolute_zero CHECK (VALUE >= -273.15);
CREATE DOMAIN humidity AS real CONSTRAINT humidity_percent CHECK (VALUE BETWEEN 0 AND 100);
CREATE DOMAIN device_serial AS varchar(16) CONSTRAINT device_serial_shape CHECK (VALUE ~ '^[A-F0-9]{8,16}$');
COMMENT ON DOMAIN device_serial IS 'Upper-case hex serial printed on the device';

CREATE TABLE devices (
    serial      device_serial PRIMARY KEY,
    installed   timestamptz NOT NULL DEFAULT now(),
    room        text
);

CREATE TABLE readings (
    serial      device_serial NOT NULL REFERENCES devices (serial),
    taken_at    timestamptz NOT NULL,
    temperature celsius,
    rel_humidity humidity,
    PRIMARY KEY (serial, taken_at)
);
CREATE INDEX readings_taken_at_idx ON readings (taken_at DESC);

CREATE TABLE thresholds (
    serial      device_serial NOT NULL REFERENCES devices (serial) ON DELETE CASCADE,
    max_temp    celsius NOT NULL,
    max_humidity humidity NOT NULL DEFAULT 80,
    PRIMARY KEY (serial)
);

CREATE TABLE calibrations (
    calibration_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    serial      device_serial NOT NULL REFERENCES devices (serial),
    offset_c    celsius NOT NULL DEFAULT 0,
    CHECK (offset_c BETWEEN -5 AND 5)
);
