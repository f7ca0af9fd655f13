ALTER TABLE {{ table | qualify }} RENAME COLUMN {{ from | ident }} TO {{ to | ident }};
