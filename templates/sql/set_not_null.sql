ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} SET NOT NULL;
