{% if view.materialized %}
CREATE MATERIALIZED VIEW {{ view.name | qualify }} AS
{{ view.sql | sql }}
WITH DATA;
{% else %}
CREATE VIEW {{ view.name | qualify }}
{%- if view.security_invoker or view.security_barrier %} WITH ({% if view.security_invoker %}security_invoker = true{% endif %}{% if view.security_invoker and view.security_barrier %}, {% endif %}{% if view.security_barrier %}security_barrier = true{% endif %}){% endif %} AS
{{ view.sql | sql }};
{% endif %}
{% if view.comment %}
COMMENT ON {% if view.materialized %}MATERIALIZED {% endif %}VIEW {{ view.name | qualify }} IS {{ view.comment | literal }};
{% endif %}
