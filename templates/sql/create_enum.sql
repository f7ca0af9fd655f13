CREATE TYPE {{ enum.name | qualify }} AS ENUM ({{ enum["values"] | literals }});
{% if enum.comment %}
COMMENT ON TYPE {{ enum.name | qualify }} IS {{ enum.comment | literal }};
{% endif %}
