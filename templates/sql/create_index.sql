{% import "_macros.sql" as m %}
{% if concurrently %}
-- A failed concurrent build leaves an invalid index behind; dropping it first makes a retry work.
DROP INDEX CONCURRENTLY IF EXISTS {{ index.name | qualify }};
{% endif %}
{{ m.index_def(table, index, only, concurrently) }};
{% if index.comment %}
COMMENT ON INDEX {{ index.name | qualify }} IS {{ index.comment | literal }};
{% endif %}
