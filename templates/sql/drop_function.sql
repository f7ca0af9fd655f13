{% import "_macros.sql" as m %}
DROP {{ function.kind | default("function") | keyword }} {{ function.name | qualify }}({{ m.function_types(function.args | default([])) }});
