{% import "_macros.sql" as m %}
CREATE {% if trigger.constraint is defined and trigger.constraint %}CONSTRAINT {% endif %}TRIGGER {{ trigger.name | ident }} {{ trigger.timing | keyword }} {{ m.trigger_events(trigger) }} ON {{ table | qualify }}{{ m.trigger_clauses(trigger) }}
    FOR EACH {% if trigger.row %}ROW{% else %}STATEMENT{% endif %}{% if trigger.when is defined %} WHEN ({{ trigger.when | sql }}){% endif %} EXECUTE FUNCTION {% if trigger.function_schema is defined %}{{ trigger.function_schema | ident }}.{{ trigger.function | ident }}{% else %}{{ trigger.function | qualify_home }}{% endif %}({% for a in trigger.args | default([]) %}{{ a | literal }}{% if not loop.last %}, {% endif %}{% endfor %});
{% if trigger.enabled is defined %}
ALTER TABLE {{ table | qualify }} {{ trigger.enabled | trigger_enabled }} TRIGGER {{ trigger.name | ident }};
{% endif %}
{% if trigger.comment is defined %}
COMMENT ON TRIGGER {{ trigger.name | ident }} ON {{ table | qualify }} IS {{ trigger.comment | literal }};
{% endif %}
