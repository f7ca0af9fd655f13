-- Order service built on event sourcing: append-only event store with bigserial
-- positions, per-stream identity versions, RLS forced per tenant, and a
-- projection materialized view that autovacuum must leave alone.
DO $$ BEGIN CREATE ROLE es_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE streams (
    stream_id   uuid PRIMARY KEY,
    tenant_id   integer NOT NULL,
    stream_type text NOT NULL,
    version     integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
    position    bigserial PRIMARY KEY,
    tenant_id   integer NOT NULL,
    stream_id   uuid NOT NULL REFERENCES streams (stream_id),
    version     integer NOT NULL,
    event_type  text NOT NULL,
    payload     jsonb NOT NULL,
    metadata    jsonb NOT NULL DEFAULT '{}',
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (stream_id, version)
) WITH (fillfactor = 100, autovacuum_vacuum_insert_scale_factor = 0.05);
CREATE INDEX events_type_idx ON events (tenant_id, event_type, position);

CREATE TABLE snapshots (
    stream_id   uuid NOT NULL REFERENCES streams (stream_id),
    tenant_id   integer NOT NULL,
    version     integer NOT NULL,
    state       jsonb NOT NULL,
    PRIMARY KEY (stream_id, version)
);

CREATE TABLE subscriptions (
    name          text PRIMARY KEY,
    last_position bigint NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
    message_id  bigint GENERATED ALWAYS AS IDENTITY (CACHE 1000) PRIMARY KEY,
    tenant_id   integer NOT NULL,
    topic       text NOT NULL,
    body        jsonb NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX outbox_unsent_idx ON outbox (message_id) WHERE sent_at IS NULL;

ALTER TABLE streams ENABLE ROW LEVEL SECURITY;
ALTER TABLE streams FORCE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
ALTER TABLE snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE snapshots FORCE ROW LEVEL SECURITY;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY streams_tenant ON streams USING (tenant_id = current_setting('es.tenant')::integer);
CREATE POLICY events_tenant_read ON events FOR SELECT USING (tenant_id = current_setting('es.tenant')::integer);
CREATE POLICY events_tenant_append ON events FOR INSERT TO es_writer
    WITH CHECK (tenant_id = current_setting('es.tenant')::integer);
CREATE POLICY snapshots_tenant ON snapshots USING (tenant_id = current_setting('es.tenant')::integer);
CREATE POLICY outbox_tenant ON outbox USING (tenant_id = current_setting('es.tenant')::integer);

CREATE MATERIALIZED VIEW order_totals WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false) AS
    SELECT e.tenant_id, e.stream_id, sum((e.payload ->> 'amount')::numeric) AS total, max(e.position) AS at_position
    FROM events e WHERE e.event_type IN ('OrderLineAdded', 'OrderLineRemoved')
    GROUP BY e.tenant_id, e.stream_id
    WITH NO DATA;
CREATE UNIQUE INDEX order_totals_stream_key ON order_totals (stream_id);
