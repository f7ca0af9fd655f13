-- IoT ingest: readings partitioned by month with a trigger on the partitioned
-- parent (cloned onto each partition), a procedure that creates next month's
-- partition, a statement-level trigger with a transition table, default privileges
-- for the ingest role.
DO $$ BEGIN CREATE ROLE ingest_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE grafana_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO grafana_reader;

CREATE TABLE gateways (
    gateway_id  text PRIMARY KEY,
    site        text NOT NULL,
    last_seen   timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE readings (
    gateway_id  text NOT NULL,
    sensor      text NOT NULL,
    at          timestamptz NOT NULL,
    value       double precision NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (at);
CREATE TABLE readings_2025_05 PARTITION OF readings FOR VALUES FROM ('2025-05-01 00:00+00') TO ('2025-06-01 00:00+00');
CREATE TABLE readings_2025_06 PARTITION OF readings FOR VALUES FROM ('2025-06-01 00:00+00') TO ('2025-07-01 00:00+00');

CREATE TABLE ingest_batches (
    batch_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rows_in     integer NOT NULL DEFAULT 0,
    at          timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION bump_last_seen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE gateways g SET last_seen = n.max_at
  FROM (SELECT gateway_id, max(at) AS max_at FROM new_rows GROUP BY gateway_id) n
  WHERE g.gateway_id = n.gateway_id;
  RETURN NULL;
END $$;

CREATE PROCEDURE create_month_partition(p_month date)
LANGUAGE plpgsql AS $$
DECLARE
  start_at date := date_trunc('month', p_month)::date;
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF readings FOR VALUES FROM (%L) TO (%L)',
                 'readings_' || to_char(start_at, 'YYYY_MM'), start_at, (start_at + interval '1 month')::date);
END $$;

CREATE TRIGGER gateways_updated_at BEFORE UPDATE ON gateways FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER readings_updated_at BEFORE UPDATE ON readings FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER ingest_batches_updated_at BEFORE UPDATE ON ingest_batches FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER readings_last_seen AFTER INSERT ON readings_2025_06
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_last_seen();

GRANT INSERT ON readings, ingest_batches TO ingest_writer;
GRANT EXECUTE ON PROCEDURE create_month_partition(date) TO ingest_writer;
