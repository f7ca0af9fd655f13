{% if distribution.kind == "reference" %}
SELECT create_reference_table({{ table | qualify | literal }});
{% else %}
SELECT create_distributed_table({{ table | qualify | literal }}, {{ distribution.column | literal }}, colocate_with => {% if colocate_with %}{{ colocate_with | qualify | literal }}{% else %}'none'{% if distribution.shard_count %}, shard_count => {{ distribution.shard_count | number }}{% endif %}{% endif %});
{% endif %}
{% for relation, options in toast | default([]) %}
ALTER TABLE {{ relation | qualify }} SET ({% for k, v in options %}{{ k | option_name }} = {{ v | literal }}{% if not loop.last %}, {% endif %}{% endfor %});
{% endfor %}
