{% import "_macros.sql" as m %}
ALTER TABLE {{ parent | qualify }} ATTACH PARTITION {{ partition.name | qualify }} {{ m.bound(partition.bound) }};
