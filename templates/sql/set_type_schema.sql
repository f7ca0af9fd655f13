ALTER {% if domain %}DOMAIN{% else %}TYPE{% endif %} {{ name | within(from) }} SET SCHEMA {{ to | ident }};
