{% import "_macros.sql" as m %}
-- The default partition may hold rows that belong to the new partition,
-- which PostgreSQL then refuses to create: the default is detached, the
-- partition created, those rows moved into it, and the default attached again.
ALTER TABLE {{ parent | qualify }} DETACH PARTITION {{ default | qualify }};
CREATE TABLE {{ partition.name | qualify }} PARTITION OF {{ parent | qualify }} {{ m.bound(partition.bound) }}
{%- if partition.partitioning %} PARTITION BY {{ m.partition_by(partition.partitioning) }}{% endif %};
{% for c in partition.partitions | default([]) %}
CREATE TABLE {{ c.name | qualify }} PARTITION OF {{ partition.name | qualify }} {{ m.bound(c.bound) }}
{%- if c.partitioning %} PARTITION BY {{ m.partition_by(c.partitioning) }}{% endif %};
{% endfor %}
-- The owner is subject to the default's forced row security: lifted while its rows move.
ALTER TABLE {{ default | qualify }} NO FORCE ROW LEVEL SECURITY;
INSERT INTO {{ partition.name | qualify }} ({{ columns | idents }}) OVERRIDING SYSTEM VALUE
    SELECT {{ columns | idents }} FROM {{ default | qualify }} WHERE {{ m.bound_condition(key, partition.bound) }};
DELETE FROM {{ default | qualify }} WHERE {{ m.bound_condition(key, partition.bound) }};
{% if partition.rls and partition.rls.forced %}
ALTER TABLE {{ default | qualify }} FORCE ROW LEVEL SECURITY;
{% endif %}
ALTER TABLE {{ parent | qualify }} ATTACH PARTITION {{ default | qualify }} DEFAULT;
