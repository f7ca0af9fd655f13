{% import "_macros.sql" as m %}
{% if view.materialized %}
CREATE MATERIALIZED VIEW {{ view.name | qualify }}{{ m.with(view.options) }} AS
{{ view.sql | sql }}
WITH DATA;
{% else %}
{#- The security options are among the view's options. -#}
CREATE VIEW {{ view.name | qualify }}{{ m.with(view.options | default([])) }} AS
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
