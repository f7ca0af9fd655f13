-- Product analytics: raw events hash-partitioned by tenant, a sessions table that
-- only ever got its DEFAULT partition, a funnel table created partitioned ahead of
-- the feature (no partitions yet), and materialized rollups with storage options.
CREATE TABLE workspaces (
    workspace_id integer PRIMARY KEY,
    name         text NOT NULL,
    plan         text NOT NULL DEFAULT 'free'
);

CREATE TABLE raw_events (
    workspace_id integer NOT NULL,
    event_id     uuid NOT NULL,
    occurred_at  timestamptz NOT NULL,
    event_name   text NOT NULL,
    anonymous_id text,
    user_id      text,
    properties   jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (workspace_id, event_id)
) PARTITION BY HASH (workspace_id);
CREATE TABLE raw_events_00 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 0);
CREATE TABLE raw_events_01 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 1);
CREATE TABLE raw_events_02 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE raw_events_03 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE raw_events_04 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE raw_events_05 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 5);
CREATE TABLE raw_events_06 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 6);
CREATE TABLE raw_events_07 PARTITION OF raw_events FOR VALUES WITH (MODULUS 8, REMAINDER 7);
CREATE INDEX raw_events_name_time_idx ON raw_events (workspace_id, event_name, occurred_at DESC);
CREATE INDEX raw_events_props_gin ON raw_events USING gin (properties jsonb_path_ops);

CREATE TABLE sessions (
    workspace_id integer NOT NULL,
    session_id   uuid NOT NULL,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    page_views   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, started_at, session_id)
) PARTITION BY RANGE (started_at);
CREATE TABLE sessions_default PARTITION OF sessions DEFAULT;

CREATE TABLE funnel_steps (
    workspace_id integer NOT NULL,
    funnel_id    integer NOT NULL,
    step_no      smallint NOT NULL,
    event_name   text NOT NULL,
    computed_for date NOT NULL,
    users        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, funnel_id, step_no, computed_for)
) PARTITION BY LIST (workspace_id);

CREATE TABLE event_definitions (
    workspace_id integer NOT NULL REFERENCES workspaces (workspace_id) ON DELETE CASCADE,
    event_name   text NOT NULL,
    description  text,
    first_seen   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, event_name)
);

CREATE MATERIALIZED VIEW daily_event_counts
    WITH (fillfactor = 90, autovacuum_enabled = false) AS
    SELECT workspace_id, event_name, date_trunc('day', occurred_at) AS day, count(*) AS events,
           count(DISTINCT coalesce(user_id, anonymous_id)) AS actors
    FROM raw_events
    GROUP BY 1, 2, 3
    WITH NO DATA;
CREATE UNIQUE INDEX daily_event_counts_key ON daily_event_counts (workspace_id, event_name, day);
CREATE INDEX daily_event_counts_day_idx ON daily_event_counts (day DESC);

CREATE MATERIALIZED VIEW workspace_activity WITH (autovacuum_enabled = true, autovacuum_analyze_scale_factor = 0.05) AS
    SELECT w.workspace_id, w.plan, max(e.occurred_at) AS last_event_at
    FROM workspaces w LEFT JOIN raw_events e ON e.workspace_id = w.workspace_id
    GROUP BY w.workspace_id, w.plan;
CREATE UNIQUE INDEX workspace_activity_pk ON workspace_activity (workspace_id);
COMMENT ON MATERIALIZED VIEW workspace_activity IS 'Refreshed hourly by the scheduler.';
