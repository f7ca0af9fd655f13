-- {{ title | comment }}
-- schemac:transaction {% if transactional %}on{% else %}off{% endif %}

{% if transactional %}
SET LOCAL lock_timeout = {{ lock_timeout | literal }};
SET LOCAL statement_timeout = {{ statement_timeout | literal }};
SET LOCAL search_path TO {{ search_path | idents }};
{% else %}
-- CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block.
SET lock_timeout = {{ lock_timeout | literal }};
SET statement_timeout = {{ statement_timeout | literal }};
SET search_path TO {{ search_path | idents }};
{% endif %}
