CREATE TYPE {{ composite.name | qualify }} AS (
{% for a in composite.attributes %}
    {{ a.name | ident }} {{ a.type | coltype }}{% if a.collation %} COLLATE {{ a.collation | ident }}{% endif %}{% if not loop.last %},{% endif %}

{% endfor %}
);
{% if composite.comment %}
COMMENT ON TYPE {{ composite.name | qualify }} IS {{ composite.comment | literal }};
{% endif %}
