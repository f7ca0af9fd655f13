-- {{ title | comment }}
-- schemac:transaction {% if transactional %}on{% else %}off{% endif %}
{% if citus %}

-- schemac:citus on
-- Runs on the Citus coordinator, one statement at a time (Citus refuses to
-- propagate some DDL sent together with other statements).
{% endif %}

{% if transactional %}
SET LOCAL lock_timeout = {{ lock_timeout | literal }};
SET LOCAL statement_timeout = {{ statement_timeout | literal }};
SET LOCAL search_path TO {{ search_path | idents }};
{% if citus %}
{% if sequential %}
-- One connection per worker: DDL on a reference table after DDL on a
-- distributed table referencing it fails in parallel mode.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';
{% else %}
-- Citus copies existing rows to new shards only in parallel mode.
SET LOCAL citus.multi_shard_modify_mode TO 'parallel';
{% endif %}
-- schemac's own triggers only change the row they fire for, which is safe on shards.
SET LOCAL citus.enable_unsafe_triggers TO on;
{% endif %}
{% else %}
-- CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block.
SET lock_timeout = {{ lock_timeout | literal }};
SET statement_timeout = {{ statement_timeout | literal }};
SET search_path TO {{ search_path | idents }};
{% if citus %}
SET citus.multi_shard_modify_mode TO 'sequential';
SET citus.enable_unsafe_triggers TO on;
{% endif %}
{% endif %}
