CREATE EXTENSION IF NOT EXISTS {{ extension.name | ident }} WITH SCHEMA {{ schema | ident }};
