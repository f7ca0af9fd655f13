{% import "_macros.sql" as m %}
ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} ADD GENERATED {% if identity == "always" %}ALWAYS{% else %}BY DEFAULT{% endif %} AS IDENTITY{{ m.identity_options(options) }};
