{% import "_macros.sql" as m %}
ALTER TABLE {{ table | qualify }} ADD CONSTRAINT {{ constraint.name | ident }} {{ m.constraint(constraint) }}{% if not_valid %} NOT VALID{% endif %};
