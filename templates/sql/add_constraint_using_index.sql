{% import "_macros.sql" as m %}
ALTER TABLE {{ table | qualify }} ADD CONSTRAINT {{ constraint.name | ident }} {% if constraint.kind == "primary_key" %}PRIMARY KEY{% else %}UNIQUE{% endif %} USING INDEX {{ constraint.name | ident }}{{ m.deferrable(constraint) }};
