{% import "_macros.sql" as m %}
CREATE TABLE {{ partition.name | qualify }} PARTITION OF {{ parent | qualify }} {{ m.bound(partition.bound) }}
{%- if partition.partitioning %} PARTITION BY {{ m.partition_by(partition.partitioning) }}{% endif %}
{{- m.with(partition.options | default([])) }};
{% if partition.comment %}
COMMENT ON TABLE {{ partition.name | qualify }} IS {{ partition.comment | literal }};
{% endif %}
