{#- Reset first, then set in order: PostgreSQL keeps the parameters in the order they were set. -#}
{% set what %}{% if target.on == "table" %}TABLE {{ target.table | qualify }}{% elif target.on == "index" %}INDEX {{ target.index | qualify }}{% elif target.materialized %}MATERIALIZED VIEW {{ target.view | qualify }}{% else %}VIEW {{ target.view | qualify }}{% endif %}{% endset %}
{% if old %}
ALTER {{ what }} RESET ({% for k, v in old %}{{ k | option_name }}{% if not loop.last %}, {% endif %}{% endfor %});
{% endif %}
{% if options %}
ALTER {{ what }} SET ({% for k, v in options %}{{ k | option_name }} = {{ v | literal }}{% if not loop.last %}, {% endif %}{% endfor %});
{% endif %}
