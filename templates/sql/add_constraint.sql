{% import "_macros.sql" as m %}
ALTER TABLE {{ table | qualify }} ADD CONSTRAINT {{ constraint.name | ident }} {{ m.constraint(constraint) }}{% if not_valid or constraint.not_valid %} NOT VALID{% endif %};
{% if constraint.comment %}
COMMENT ON CONSTRAINT {{ constraint.name | ident }} ON {{ table | qualify }} IS {{ constraint.comment | literal }};
{% endif %}
{% if constraint.index_comment %}
COMMENT ON INDEX {{ constraint.name | qualify }} IS {{ constraint.index_comment | literal }};
{% endif %}
