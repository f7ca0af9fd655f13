{% import "_macros.sql" as m %}
{{ m.policy_def(table, policy) }};
