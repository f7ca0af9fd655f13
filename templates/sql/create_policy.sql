CREATE POLICY {{ policy.name | ident }} ON {{ table | qualify }}
    AS {% if policy.permissive %}PERMISSIVE{% else %}RESTRICTIVE{% endif %} FOR {{ policy.command | keyword }}
    TO {% if policy.roles %}{{ policy.roles | roles }}{% else %}PUBLIC{% endif %}
{% if policy.using %}

    USING ({{ policy.using | sql }})
{%- endif %}
{% if policy.with_check %}

    WITH CHECK ({{ policy.with_check | sql }})
{%- endif %};
