-- Analytics rollups: a refresh procedure for the materialized views, set-returning
-- SQL functions for the dashboard, pg_buffercache for the DBA's cache view, an
-- updated_at trigger on every table, grants to the BI role.
CREATE EXTENSION IF NOT EXISTS pg_buffercache;

DO $$ BEGIN CREATE ROLE bi_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE sites (
    site_id     integer PRIMARY KEY,
    domain      text NOT NULL UNIQUE,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE page_views (
    view_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id     integer NOT NULL REFERENCES sites (site_id),
    path        text NOT NULL,
    viewed_at   timestamptz NOT NULL,
    visitor     uuid,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX page_views_site_time ON page_views (site_id, viewed_at);

CREATE TABLE refresh_log (
    view_name   text NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE goals (
    goal_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id     integer NOT NULL REFERENCES sites (site_id),
    path        text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE MATERIALIZED VIEW daily_views AS
    SELECT site_id, viewed_at::date AS day, count(*) AS views, count(DISTINCT visitor) AS visitors
    FROM page_views GROUP BY 1, 2;
CREATE UNIQUE INDEX daily_views_key ON daily_views (site_id, day);

CREATE MATERIALIZED VIEW top_paths AS
    SELECT site_id, path, count(*) AS views FROM page_views GROUP BY 1, 2;
CREATE UNIQUE INDEX top_paths_key ON top_paths (site_id, path);

CREATE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION views_between(p_site integer, p_from date, p_to date)
RETURNS TABLE (day date, views bigint) LANGUAGE sql STABLE AS $$
  SELECT day, views FROM daily_views WHERE site_id = p_site AND day BETWEEN p_from AND p_to ORDER BY day
$$;

CREATE FUNCTION bounce_rate(p_site integer) RETURNS numeric LANGUAGE plpgsql STABLE AS $$
DECLARE singles bigint; total bigint;
BEGIN
  SELECT count(*) FILTER (WHERE n = 1), count(*) INTO singles, total
  FROM (SELECT visitor, count(*) AS n FROM page_views WHERE site_id = p_site GROUP BY visitor) v;
  RETURN CASE WHEN total = 0 THEN NULL ELSE round(singles::numeric / total, 4) END;
END $$;

CREATE PROCEDURE refresh_rollups()
LANGUAGE plpgsql AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY daily_views;
  INSERT INTO refresh_log (view_name) VALUES ('daily_views');
  REFRESH MATERIALIZED VIEW CONCURRENTLY top_paths;
  INSERT INTO refresh_log (view_name) VALUES ('top_paths');
END $$;

CREATE TRIGGER sites_touch BEFORE UPDATE ON sites FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER page_views_touch BEFORE UPDATE ON page_views FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER goals_touch BEFORE UPDATE ON goals FOR EACH ROW EXECUTE FUNCTION touch_row();
CREATE TRIGGER refresh_log_touch BEFORE UPDATE ON refresh_log FOR EACH ROW EXECUTE FUNCTION touch_row();

GRANT SELECT ON daily_views, top_paths, sites TO bi_reader;
GRANT EXECUTE ON FUNCTION views_between(integer, date, date), bounce_rate(integer) TO bi_reader;

-- Paths repeat per site: the planner is told so (extended statistics stay
-- outside the language).
CREATE STATISTICS page_views_site_path (ndistinct) ON site_id, path FROM page_views;
