{% import "_macros.sql" as m %}
ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} ADD GENERATED {% if identity == "always" %}ALWAYS{% else %}BY DEFAULT{% endif %} AS IDENTITY{{ m.identity_options(options) }};
{#- A sequence taking over a column continues from the value the one before reached in this transaction. #}
SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence({{ table | qualify | literal }}, {{ column | literal }}), v.n) FROM (SELECT ((NULLIF(pg_catalog.current_setting('schemac.sequence_values', true), '')::jsonb) ->> ({{ table | qualify | literal }} || '.' || {{ column | literal }}))::bigint AS n) AS v WHERE v.n IS NOT NULL;
