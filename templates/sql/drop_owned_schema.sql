DROP SCHEMA {{ owned.name | ident }};
