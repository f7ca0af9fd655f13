ALTER {% if relation == "materialized_view" %}MATERIALIZED VIEW{% elif relation == "view" %}VIEW{% else %}TABLE{% endif %} {{ name | within(from) }} SET SCHEMA {{ to | ident }};
