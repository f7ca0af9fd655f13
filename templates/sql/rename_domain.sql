ALTER DOMAIN {{ from | qualify }} RENAME TO {{ to | ident }};
