ALTER INDEX {{ from | qualify }} RENAME TO {{ to | ident }};
