CREATE DOMAIN {{ domain.name | qualify }} AS {{ domain.type | coltype }}
{%- if domain.collation %} COLLATE {{ domain.collation | ident }}{% endif %}
{%- if domain.default is defined and domain.default is not none %} DEFAULT {{ domain.default | sql }}{% endif %}
{%- if domain.not_null %} NOT NULL{% endif %}
{%- for c in domain.checks | default([]) if not c.not_valid %}
 CONSTRAINT {{ c.name | ident }} CHECK ({{ c.expr | sql }})
{%- endfor %};
{#- A check that was added NOT VALID is added the same way again. #}
{%- for c in domain.checks | default([]) if c.not_valid %}
ALTER DOMAIN {{ domain.name | qualify }} ADD CONSTRAINT {{ c.name | ident }} CHECK ({{ c.expr | sql }}) NOT VALID;
{%- endfor %}
{% if domain.comment %}
COMMENT ON DOMAIN {{ domain.name | qualify }} IS {{ domain.comment | literal }};
{% endif %}
