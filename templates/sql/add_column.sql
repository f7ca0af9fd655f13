{% import "_macros.sql" as m %}
ALTER TABLE {{ table | qualify }} ADD COLUMN {{ m.column(column) }};
{% if column.comment %}
COMMENT ON COLUMN {{ table | qualify }}.{{ column.name | ident }} IS {{ column.comment | literal }};
{% endif %}
