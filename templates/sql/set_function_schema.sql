{% import "_macros.sql" as m %}
ALTER {{ function.kind | default("function") | keyword }} {{ function.name | within(from) }}({{ m.function_types(function.args | default([])) }}) SET SCHEMA {{ to | ident }};
