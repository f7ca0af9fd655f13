-- schema: triage
-- An on-call queue whose SQL functions name their tables with the schema,
-- as pg_dump-era code often does, and take the queue's enum as argument:
-- the body compares that argument with the enum column of the table.
CREATE SCHEMA triage;
SET search_path = triage;

CREATE TYPE urgency AS ENUM ('low', 'normal', 'high', 'page');

CREATE TABLE teams (
    team_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text NOT NULL UNIQUE,
    pager_url text
);

CREATE TABLE tickets (
    ticket_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id    bigint NOT NULL REFERENCES teams (team_id) ON DELETE CASCADE,
    urgency    urgency NOT NULL DEFAULT 'normal',
    title      text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
    opened_at  timestamptz NOT NULL DEFAULT now(),
    acked_at   timestamptz,
    CHECK (acked_at IS NULL OR acked_at >= opened_at)
);
CREATE INDEX tickets_open_idx ON tickets (team_id, urgency) WHERE acked_at IS NULL;

CREATE FUNCTION open_count(p_team bigint, p_urgency urgency) RETURNS bigint
LANGUAGE sql STABLE AS $$
  SELECT count(*) FROM triage.tickets t
  WHERE t.team_id = p_team AND t.urgency = p_urgency AND t.acked_at IS NULL
$$;

CREATE FUNCTION worst_open(p_team bigint) RETURNS triage.urgency
LANGUAGE sql STABLE AS $$
  SELECT max(t.urgency) FROM triage.tickets t WHERE t.team_id = p_team AND t.acked_at IS NULL
$$;

CREATE VIEW team_load AS
  SELECT tm.team_id, tm.name, worst_open(tm.team_id) AS worst,
         open_count(tm.team_id, 'page') AS pages
  FROM teams tm;
