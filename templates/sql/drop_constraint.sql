ALTER TABLE {{ table | qualify }} DROP CONSTRAINT {{ constraint.name | ident }};
