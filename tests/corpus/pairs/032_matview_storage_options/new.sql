-- 032_matview_storage_options: the rollup materialized view gets fillfactor and autovacuum settings (one dropped).
-- This file is the state after the change.
CREATE TABLE page_views (
    site_id     integer NOT NULL,
    path        text NOT NULL,
    viewed_at   timestamptz NOT NULL,
    visitor     uuid
);

CREATE MATERIALIZED VIEW daily_views WITH (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.01) AS
    SELECT site_id, viewed_at::date AS day, count(*) AS views
    FROM page_views GROUP BY site_id, viewed_at::date;
CREATE UNIQUE INDEX daily_views_key ON daily_views (site_id, day);
