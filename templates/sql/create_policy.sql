{% import "_macros.sql" as m %}
{{ m.policy_def(table, policy) }};
{% if policy.comment %}
COMMENT ON POLICY {{ policy.name | ident }} ON {{ table | qualify }} IS {{ policy.comment | literal }};
{% endif %}
