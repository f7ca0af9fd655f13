-- schema: stats
-- The report now returns a row per path: dropped and created again, with its owner and grants back.
CREATE SCHEMA stats;
SET search_path = stats;

DO $$ BEGIN CREATE ROLE stats_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE stats_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE page_views (
    view_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path      text NOT NULL,
    viewed_at timestamptz NOT NULL DEFAULT now(),
    visitor   uuid NOT NULL
);

CREATE TABLE sessions (
    session_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    visitor    uuid NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz
);

CREATE FUNCTION daily_views(p_day date) RETURNS TABLE (path text, views bigint)
LANGUAGE sql STABLE AS $$
  SELECT path, count(*) FROM stats.page_views
  WHERE viewed_at >= p_day AND viewed_at < p_day + 1
  GROUP BY path
$$;

ALTER FUNCTION daily_views(date) OWNER TO stats_owner;
REVOKE EXECUTE ON FUNCTION daily_views(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION daily_views(date) TO stats_reader;
