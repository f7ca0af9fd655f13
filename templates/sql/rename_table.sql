ALTER TABLE {{ from | qualify }} RENAME TO {{ to | ident }};
