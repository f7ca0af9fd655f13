{% import "_macros.sql" as m %}
{% set constraints = table.constraints | default([]) %}
CREATE {% if table.unlogged %}UNLOGGED {% endif %}TABLE {{ table.name | qualify }} (
{% for c in table.columns %}
    {{ m.column(c) }}{% if not loop.last or constraints %},{% endif %}

{% endfor %}
{% for k in constraints %}
    CONSTRAINT {{ k.name | ident }} {{ m.constraint(k) }}{% if not loop.last %},{% endif %}

{% endfor %}
){% if table.inherits %} INHERITS ({% for p in table.inherits %}{{ p | qualify }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}
{%- if table.partitioning %} PARTITION BY {{ m.partition_by(table.partitioning) }}{% endif %}
{{- m.with(table.options | default([])) }};
{% if table.comment %}
COMMENT ON TABLE {{ table.name | qualify }} IS {{ table.comment | literal }};
{% endif %}
{% for c in table.columns %}
{% if c.comment %}
COMMENT ON COLUMN {{ table.name | qualify }}.{{ c.name | ident }} IS {{ c.comment | literal }};
{% endif %}
{% endfor %}
{% for k in constraints %}
{% if k.comment %}
COMMENT ON CONSTRAINT {{ k.name | ident }} ON {{ table.name | qualify }} IS {{ k.comment | literal }};
{% endif %}
{% if k.index_comment %}
COMMENT ON INDEX {{ k.name | qualify }} IS {{ k.index_comment | literal }};
{% endif %}
{% endfor %}
