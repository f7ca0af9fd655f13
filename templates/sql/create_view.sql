{% import "_macros.sql" as m %}
{% if view.materialized %}
CREATE MATERIALIZED VIEW {{ view.name | qualify }}{{ m.with(view.options) }} AS
{{ view.sql | sql }}
WITH DATA;
{% else %}
{% set options = view.options | default([]) %}
CREATE VIEW {{ view.name | qualify }}
{%- if view.security_invoker or view.security_barrier or options %} WITH (
{%- if view.security_invoker %}security_invoker = true{% endif %}
{%- if view.security_barrier %}{% if view.security_invoker %}, {% endif %}security_barrier = true{% endif %}
{%- for k, v in options %}{% if view.security_invoker or view.security_barrier or not loop.first %}, {% endif %}{{ k | option_name }} = {{ v | literal }}{% endfor %})
{%- endif %} AS
{{ view.sql | sql }}
{%- if view.check_option %}

  WITH {{ view.check_option | keyword }} CHECK OPTION
{%- endif %};
{% endif %}
{% if view.comment %}
COMMENT ON {% if view.materialized %}MATERIALIZED {% endif %}VIEW {{ view.name | qualify }} IS {{ view.comment | literal }};
{% endif %}
{% for c, text in view.column_comments | default({}) | items %}
COMMENT ON COLUMN {{ view.name | qualify }}.{{ c | ident }} IS {{ text | literal }};
{% endfor %}
