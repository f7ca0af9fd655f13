-- Events partitioned by quarter get a row trigger on the parent (cloned
-- onto every partition by PostgreSQL) and a statement trigger.
CREATE TABLE events (
    event_id   bigint NOT NULL,
    happened   date NOT NULL,
    kind       text NOT NULL,
    payload    jsonb,
    PRIMARY KEY (event_id, happened)
) PARTITION BY RANGE (happened);

CREATE TABLE events_2026_q1 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-04-01');
CREATE TABLE events_2026_q2 PARTITION OF events FOR VALUES FROM ('2026-04-01') TO ('2026-07-01');

CREATE TABLE event_counts (
    kind  text PRIMARY KEY,
    seen  bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION count_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO event_counts (kind, seen) VALUES (NEW.kind, 1)
  ON CONFLICT (kind) DO UPDATE SET seen = event_counts.seen + 1;
  RETURN NULL;
END
$$;

CREATE FUNCTION forbid_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are kept; detach a partition instead';
END
$$;
