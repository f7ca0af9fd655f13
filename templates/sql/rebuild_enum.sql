-- PostgreSQL cannot remove or reorder enum values: the type is replaced and
-- every column converted through text. Rows holding a removed value fail the
-- conversion, and the whole migration rolls back.
ALTER TYPE {{ rebuild.name | qualify }} RENAME TO {{ rebuild.old_name | ident }};
CREATE TYPE {{ rebuild.name | qualify }} AS ENUM ({{ rebuild["values"] | literals }});
{% for c in rebuild.columns %}
{% if c.default %}
ALTER TABLE {{ c.table | qualify }} ALTER COLUMN {{ c.column | ident }} DROP DEFAULT;
{% endif %}
ALTER TABLE {{ c.table | qualify }} ALTER COLUMN {{ c.column | ident }} TYPE {{ rebuild.name | qualify }}{% if c.array %}[]{% endif %} USING {{ c.column | ident }}::text{% if c.array %}[]{% endif %}::{{ rebuild.name | qualify }}{% if c.array %}[]{% endif %};
{% if c.default %}
ALTER TABLE {{ c.table | qualify }} ALTER COLUMN {{ c.column | ident }} SET DEFAULT {{ c.default | sql }};
{% endif %}
{% endfor %}
DROP TYPE {{ rebuild.old_name | qualify }};
