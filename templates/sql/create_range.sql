CREATE TYPE {{ range.name | qualify }} AS RANGE (
    SUBTYPE = {{ range.subtype | coltype }}
{%- if range.subtype_opclass %},
    SUBTYPE_OPCLASS = {{ range.subtype_opclass | ident }}
{%- endif %}
{%- if range.collation %},
    COLLATION = {{ range.collation | ident }}
{%- endif %}
{%- if range.subtype_diff %},
    SUBTYPE_DIFF = {{ range.subtype_diff | sql }}
{%- endif %}
{%- if range.multirange %},
    MULTIRANGE_TYPE_NAME = {{ range.multirange | qualify }}
{%- endif %}

);
{% if range.comment %}
COMMENT ON TYPE {{ range.name | qualify }} IS {{ range.comment | literal }};
{% endif %}
