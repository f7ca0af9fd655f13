-- The partition's rows move into the default partition instead of being
-- dropped with it: the default is detached (so it may take them), filled,
-- the partition dropped, and the default attached again.
ALTER TABLE {{ parent | qualify }} DETACH PARTITION {{ default | qualify }};
-- The owner is subject to forced row security: lifted while the rows move.
ALTER TABLE {{ default | qualify }} NO FORCE ROW LEVEL SECURITY;
ALTER TABLE {{ partition.name | qualify }} NO FORCE ROW LEVEL SECURITY;
INSERT INTO {{ default | qualify }} ({{ columns | idents }}) OVERRIDING SYSTEM VALUE
    SELECT {{ columns | idents }} FROM {{ partition.name | qualify }};
DROP TABLE {{ partition.name | qualify }};
{% if partition.rls and partition.rls.forced %}
ALTER TABLE {{ default | qualify }} FORCE ROW LEVEL SECURITY;
{% endif %}
ALTER TABLE {{ parent | qualify }} ATTACH PARTITION {{ default | qualify }} DEFAULT;
