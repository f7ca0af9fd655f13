-- 033_matview_indexes: materialized view indexes: a unique index for CONCURRENTLY is added, an old one dropped.
-- This file is the state after the change.
CREATE TABLE page_views (
    site_id     integer NOT NULL,
    path        text NOT NULL,
    viewed_at   timestamptz NOT NULL,
    visitor     uuid
);

CREATE MATERIALIZED VIEW top_paths AS
    SELECT site_id, path, count(*) AS views FROM page_views GROUP BY site_id, path;
CREATE UNIQUE INDEX top_paths_key ON top_paths (site_id, path);
CREATE INDEX top_paths_site_views_idx ON top_paths (site_id, views DESC);
