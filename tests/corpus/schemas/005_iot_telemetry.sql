-- schema: telemetry
-- IoT platform: readings partitioned by (device_group, day) with multi-column
-- bounds and MINVALUE/MAXVALUE edges, a hash-partitioned device registry,
-- BRIN indexes and storage options tuned for append-only data.
CREATE SCHEMA telemetry;

CREATE TABLE telemetry.device_models (
    model_id     smallint PRIMARY KEY,
    vendor       text NOT NULL,
    model_name   text NOT NULL,
    firmware_min text
);

CREATE TABLE telemetry.devices (
    device_id    uuid NOT NULL,
    device_group integer NOT NULL,
    model_id     smallint NOT NULL REFERENCES telemetry.device_models (model_id),
    serial_no    text NOT NULL,
    installed_at timestamptz,
    PRIMARY KEY (device_id)
) PARTITION BY HASH (device_id);
CREATE TABLE telemetry.devices_p0 PARTITION OF telemetry.devices FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE telemetry.devices_p1 PARTITION OF telemetry.devices FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE telemetry.devices_p2 PARTITION OF telemetry.devices FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE telemetry.devices_p3 PARTITION OF telemetry.devices FOR VALUES WITH (MODULUS 4, REMAINDER 3);

CREATE TABLE telemetry.readings (
    device_group integer NOT NULL,
    reading_day  date NOT NULL,
    device_id    uuid NOT NULL,
    recorded_at  timestamptz NOT NULL,
    metric       text NOT NULL,
    value        double precision NOT NULL,
    quality      smallint NOT NULL DEFAULT 0
) PARTITION BY RANGE (device_group, reading_day);
CREATE TABLE telemetry.readings_g0_old PARTITION OF telemetry.readings
    FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, '2025-01-01');
CREATE TABLE telemetry.readings_g0_2025 PARTITION OF telemetry.readings
    FOR VALUES FROM (100, '2025-01-01') TO (100, MAXVALUE);
CREATE TABLE telemetry.readings_g1xx PARTITION OF telemetry.readings
    FOR VALUES FROM (100, MAXVALUE) TO (200, MINVALUE);
CREATE TABLE telemetry.readings_high PARTITION OF telemetry.readings
    FOR VALUES FROM (200, MINVALUE) TO (MAXVALUE, MAXVALUE)
    WITH (fillfactor = 100, autovacuum_vacuum_scale_factor = 0.02);
CREATE INDEX readings_recorded_brin ON telemetry.readings USING brin (recorded_at)
    WITH (pages_per_range = 32);
CREATE INDEX readings_device_idx ON telemetry.readings (device_id, recorded_at DESC);

CREATE TABLE telemetry.alerts (
    alert_id     bigserial PRIMARY KEY,
    device_id    uuid NOT NULL REFERENCES telemetry.devices (device_id),
    raised_at    timestamptz NOT NULL DEFAULT now(),
    severity     smallint NOT NULL CHECK (severity BETWEEN 1 AND 5),
    message      text NOT NULL,
    cleared_at   timestamptz
) WITH (fillfactor = 80, autovacuum_enabled = true, toast.autovacuum_enabled = false);
CREATE INDEX alerts_open_idx ON telemetry.alerts (device_id) WHERE cleared_at IS NULL;

CREATE TABLE telemetry.firmware_rollouts (
    rollout_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id     smallint NOT NULL REFERENCES telemetry.device_models (model_id),
    version      text NOT NULL,
    started_at   timestamptz NOT NULL,
    percent      smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100)
);
