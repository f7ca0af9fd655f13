DROP EXTENSION IF EXISTS {{ extension.name | ident }};
