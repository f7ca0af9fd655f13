{%- if step.step == "set_default" %}
ALTER DOMAIN {{ name | qualify }} {% if step.default is not none %}SET DEFAULT {{ step.default | sql }}{% else %}DROP DEFAULT{% endif %};
{%- elif step.step == "set_not_null" %}
{#- SET NOT NULL scans every column of the domain and fails on a NULL. #}
ALTER DOMAIN {{ name | qualify }} {% if step.not_null %}SET{% else %}DROP{% endif %} NOT NULL;
{%- elif step.step == "add_check" %}
ALTER DOMAIN {{ name | qualify }} ADD CONSTRAINT {{ step.check.name | ident }} CHECK ({{ step.check.expr | sql }}){% if step.not_valid %} NOT VALID{% endif %};
{%- elif step.step == "validate_check" %}
ALTER DOMAIN {{ name | qualify }} VALIDATE CONSTRAINT {{ step.check.name | ident }};
{%- else %}
ALTER DOMAIN {{ name | qualify }} DROP CONSTRAINT {{ step.check.name | ident }};
{%- endif %}
