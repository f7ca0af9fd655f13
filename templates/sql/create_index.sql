{% import "_macros.sql" as m %}
{{ m.index_def(table, index, only, concurrently) }};
