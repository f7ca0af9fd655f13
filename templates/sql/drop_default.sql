ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} DROP DEFAULT;
