{% if from.rls and from.rls.forced %}
-- The owner is subject to the table's forced row security: lifted so the
-- copy reads every row (the old table is dropped after it). This lock keeps
-- every session out until the migration commits.
ALTER TABLE {{ from.name | qualify }} NO FORCE ROW LEVEL SECURITY;
{% else %}
-- Writes wait until the migration commits; reads go on.
LOCK TABLE {{ from.name | qualify }} IN EXCLUSIVE MODE;
{% endif %}
INSERT INTO {{ to.name | within(scratch) }} ({% for c in columns %}{{ c[0] | ident }}{% if not loop.last %}, {% endif %}{% endfor %}) OVERRIDING SYSTEM VALUE
    SELECT {% for c in columns %}{{ c[1] | ident }}{% if not loop.last %}, {% endif %}{% endfor %} FROM {{ from.name | qualify }};
{% for c in identities %}
SELECT setval(pg_get_serial_sequence({{ to.name | within(scratch) | literal }}, {{ c[0] | literal }}), v)
  FROM (SELECT greatest(pg_sequence_last_value(pg_get_serial_sequence({{ from.name | qualify | literal }}, {{ c[1] | literal }})::regclass),
                        (SELECT max({{ c[0] | ident }}) FROM {{ to.name | within(scratch) }})) AS v) s
 WHERE v IS NOT NULL;
{% endfor %}
