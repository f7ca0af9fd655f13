{% import "_macros.sql" as m %}
-- PostgreSQL cannot remove or reorder enum values: the type is replaced and
-- every column converted through text. Rows holding a removed value fail the
-- conversion, and the whole migration rolls back.
{% if rebuild.schema %}
{% set old_type = rebuild.old_name | within(rebuild.schema) %}
{% else %}
{% set old_type = rebuild.old_name | qualify %}
{% endif %}
ALTER TYPE {{ rebuild.name | qualify }} RENAME TO {{ rebuild.old_name | ident }};
CREATE TYPE {{ rebuild.name | qualify }} AS ENUM ({{ rebuild["values"] | literals }});
{% if rebuild.comment %}
COMMENT ON TYPE {{ rebuild.name | qualify }} IS {{ rebuild.comment | literal }};
{% endif %}
{% if rebuild.acl.owner %}
ALTER TYPE {{ rebuild.name | qualify }} OWNER TO {{ rebuild.acl.owner | ident }};
{% endif %}
{% for g in rebuild.acl.revokes %}
REVOKE {% for p in g.privileges %}{{ p | keyword }}{% if not loop.last %}, {% endif %}{% endfor %} ON TYPE {{ rebuild.name | qualify }} FROM {{ [g.role] | roles }};
{% endfor %}
{% for g in rebuild.acl.grants %}
GRANT {% for p in g.privileges %}{{ p | keyword }}{% if not loop.last %}, {% endif %}{% endfor %} ON TYPE {{ rebuild.name | qualify }} TO {{ [g.role] | roles }}{% if g.with_grant_option %} WITH GRANT OPTION{% endif %};
{% endfor %}
{% if rebuild.dependents %}
-- Checks, indexes and policies comparing a column with a value of the type
-- cannot stay while it is converted: dropped here, created again below.
{% endif %}
{% for d in rebuild.dependents %}
{% if d.kind == "check" %}
ALTER TABLE {{ d.table | qualify }} DROP CONSTRAINT {{ d.constraint.name | ident }};
{% elif d.kind == "index" %}
DROP INDEX {{ d.index.name | qualify }};
{% else %}
DROP POLICY {{ d.policy.name | ident }} ON {{ d.table | qualify }};
{% endif %}
{% endfor %}
{% for c in rebuild.columns %}
{% if c.default %}
ALTER TABLE {{ c.table | qualify }} ALTER COLUMN {{ c.column | ident }} DROP DEFAULT;
{% endif %}
ALTER TABLE {{ c.table | qualify }} ALTER COLUMN {{ c.column | ident }} TYPE {{ rebuild.name | qualify }}{% if c.array %}[]{% endif %} USING {{ c.column | ident }}::text{% if c.array %}[]{% endif %}::{{ rebuild.name | qualify }}{% if c.array %}[]{% endif %};
{% if c.default %}
ALTER TABLE {{ c.table | qualify }} ALTER COLUMN {{ c.column | ident }} SET DEFAULT {{ c.default | sql }};
{% endif %}
{% endfor %}
DROP TYPE {{ old_type }};
{% for d in rebuild.dependents %}
{% if d.kind == "check" %}
ALTER TABLE {{ d.table | qualify }} ADD CONSTRAINT {{ d.constraint.name | ident }} {{ m.constraint(d.constraint) }};
{% elif d.kind == "index" %}
{{ m.index_def(d.table, d.index) }};
{% else %}
{{ m.policy_def(d.table, d.policy) }};
{% endif %}
{% endfor %}
