-- 163_domain_dropped_with_table: a domain is dropped together with the table that used it; a new domain replaces a column check.
-- This file is the state before the change.
CREATE DOMAIN legacy_ref AS varchar(12);

CREATE TABLE imports (
    import_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref         legacy_ref NOT NULL
);

CREATE TABLE items (
    item_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    weight_g    integer NOT NULL CHECK (weight_g > 0)
);
