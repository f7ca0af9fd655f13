{%- if step.step == "add_attribute" %}
ALTER TYPE {{ name | qualify }} ADD ATTRIBUTE {{ step.attribute.name | ident }} {{ step.attribute.type | coltype }}{% if step.attribute.collation %} COLLATE {{ step.attribute.collation | ident }}{% endif %};
{%- elif step.step == "drop_attribute" %}
{#- Stored values of the type lose this attribute. #}
ALTER TYPE {{ name | qualify }} DROP ATTRIBUTE {{ step.attribute.name | ident }};
{%- elif step.step == "alter_attribute_type" %}
ALTER TYPE {{ name | qualify }} ALTER ATTRIBUTE {{ step.attribute.name | ident }} TYPE {{ step.attribute.type | coltype }}{% if step.attribute.collation %} COLLATE {{ step.attribute.collation | ident }}{% endif %};
{%- else %}
ALTER TYPE {{ name | qualify }} RENAME ATTRIBUTE {{ step.from | ident }} TO {{ step.to | ident }};
{%- endif %}
