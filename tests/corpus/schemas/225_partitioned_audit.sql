-- schema: metrics
-- Readings partitioned by month: row triggers on the partitioned parent
-- (PostgreSQL clones them onto every partition), a BEFORE INSERT row
-- trigger rounding values, and a statement trigger counting loads.
CREATE SCHEMA metrics;

CREATE TABLE metrics.readings (
    sensor_id integer NOT NULL,
    taken_at  timestamptz NOT NULL,
    value     double precision NOT NULL,
    PRIMARY KEY (sensor_id, taken_at)
) PARTITION BY RANGE (taken_at);

CREATE TABLE metrics.readings_2026_01 PARTITION OF metrics.readings
    FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00');
CREATE TABLE metrics.readings_2026_02 PARTITION OF metrics.readings
    FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00');

CREATE TABLE metrics.loads (
    load_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relation  text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION metrics.round_value() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.value := round(NEW.value::numeric, 3)::double precision;
  RETURN NEW;
END
$$;

CREATE FUNCTION metrics.note_load() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO metrics.loads (relation) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE FUNCTION metrics.refuse_negative() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'negative reading from sensor %', NEW.sensor_id;
END
$$;

CREATE TRIGGER readings_round BEFORE INSERT OR UPDATE OF value ON metrics.readings
    FOR EACH ROW EXECUTE FUNCTION metrics.round_value();
CREATE TRIGGER readings_no_negative AFTER INSERT ON metrics.readings
    FOR EACH ROW WHEN (NEW.value < 0) EXECUTE FUNCTION metrics.refuse_negative();
CREATE TRIGGER readings_loaded AFTER INSERT ON metrics.readings
    FOR EACH STATEMENT EXECUTE FUNCTION metrics.note_load();
