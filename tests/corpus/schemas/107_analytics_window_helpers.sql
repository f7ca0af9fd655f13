-- schema: analytics
-- Analytics helpers beside a partitioned fact table: functions over ranges
-- of dates, a stable function used in a partial index predicate-free
-- expression index, and PARALLEL SAFE aggregation helpers.
CREATE SCHEMA analytics;

CREATE TABLE analytics.page_views (
    site_id   integer NOT NULL,
    viewed_at timestamptz NOT NULL,
    path      text NOT NULL,
    ms        integer NOT NULL DEFAULT 0
) PARTITION BY RANGE (viewed_at);

CREATE TABLE analytics.page_views_2026 PARTITION OF analytics.page_views
  FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE FUNCTION analytics.path_root(p_path text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$SELECT split_part(p_path, '/', 2)$$;

CREATE INDEX page_views_root_idx ON analytics.page_views (analytics.path_root(path));

CREATE FUNCTION analytics.views_between(p_site integer, p_from date, p_to date) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT count(*) FROM analytics.page_views
   WHERE site_id = p_site AND viewed_at >= p_from AND viewed_at < p_to
$$;

CREATE FUNCTION analytics.p95_ms(p_site integer) RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) FROM analytics.page_views WHERE site_id = p_site
$$;
