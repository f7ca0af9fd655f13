ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column.name | ident }} DROP EXPRESSION;
