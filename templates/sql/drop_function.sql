{% import "_macros.sql" as m %}
DROP {{ function.kind | default("function") | keyword }} {{ function | qualify_function }}({{ m.function_types(function.args | default([])) }});
