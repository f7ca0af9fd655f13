ALTER TABLE {{ table | qualify }} DROP COLUMN {{ column.name | ident }};
