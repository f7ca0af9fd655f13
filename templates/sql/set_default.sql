ALTER TABLE {{ table | qualify }} ALTER COLUMN {{ column | ident }} SET DEFAULT {{ default | sql }};
