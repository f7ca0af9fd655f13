-- 034_matview_definition_changed: a materialized view adds a column; its index and options must survive the rebuild.
-- This file is the state before the change.
CREATE TABLE page_views (
    site_id     integer NOT NULL,
    path        text NOT NULL,
    viewed_at   timestamptz NOT NULL,
    visitor     uuid
);

CREATE MATERIALIZED VIEW visitors_by_site WITH (fillfactor = 100) AS
    SELECT site_id, count(DISTINCT visitor) AS visitors FROM page_views GROUP BY site_id
    WITH NO DATA;
CREATE UNIQUE INDEX visitors_by_site_key ON visitors_by_site (site_id);
COMMENT ON MATERIALIZED VIEW visitors_by_site IS 'Refreshed nightly.';
