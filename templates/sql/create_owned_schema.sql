CREATE SCHEMA IF NOT EXISTS {{ owned.name | ident }};
{% if owned.comment %}
COMMENT ON SCHEMA {{ owned.name | ident }} IS {{ owned.comment | literal }};
{% endif %}
