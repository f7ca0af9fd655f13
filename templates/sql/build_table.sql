-- PostgreSQL cannot change how a table is partitioned: it is built again in
-- a schema of its own, where its final names are free, and swaps places
-- with the old one once the rows are in.
CREATE SCHEMA {{ scratch | ident }};
