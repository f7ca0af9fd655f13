ALTER TABLE {{ table | qualify }} RENAME CONSTRAINT {{ from | ident }} TO {{ to | ident }};
