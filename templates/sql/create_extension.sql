{% if extension.schema is defined and extension.schema != schema %}
CREATE SCHEMA IF NOT EXISTS {{ extension.schema | ident }};
{% endif %}
CREATE EXTENSION IF NOT EXISTS {{ extension.name | ident }} WITH SCHEMA {{ extension.schema | default(schema) | ident }};
