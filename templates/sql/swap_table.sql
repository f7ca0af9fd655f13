-- Grants on the old table and its partitions pass to the new ones.
DO $schemac$
DECLARE
    g record;
BEGIN
    FOR g IN
        SELECT n.rel, a.privilege_type, a.is_grantable,
               CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee
          FROM (VALUES ({{ old.name | qualify | literal }}, {{ table.name | within(scratch) | literal }})
{% for p in kept %}
                     , ({{ p | qualify | literal }}, {{ p | within(scratch) | literal }})
{% endfor %}
               ) AS n(old, rel)
          JOIN pg_class c ON c.oid = to_regclass(n.old)
          CROSS JOIN LATERAL aclexplode(c.relacl) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE a.grantee <> c.relowner
    LOOP
        EXECUTE format('GRANT %s ON TABLE %s TO %s%s', g.privilege_type, g.rel, g.grantee,
                       CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
END
$schemac$;
DROP TABLE {{ old.name | qualify }};
ALTER TABLE {{ table.name | within(scratch) }} SET SCHEMA {{ schema | ident }};
{% for p in partitions %}
ALTER TABLE {{ p | within(scratch) }} SET SCHEMA {{ schema | ident }};
{% endfor %}
DROP SCHEMA {{ scratch | ident }};
