ALTER TABLE {{ table | qualify }} VALIDATE CONSTRAINT {{ name | ident }};
