{% import "_macros.sql" as m %}
CREATE SEQUENCE {{ sequence.name | qualify }}{{ m.sequence_options(sequence.options) }};
