ALTER TRIGGER {{ from | ident }} ON {{ table | qualify }} RENAME TO {{ to | ident }};
