-- 242_composite_attribute_dropped: a fax number nobody uses is dropped from a contact type stored in a column.
-- This file is the state after the change.
CREATE TYPE contact_point AS (
    email text,
    phone varchar(20)
);

CREATE TABLE suppliers (
    supplier_id integer PRIMARY KEY,
    name        text NOT NULL,
    contact     contact_point NOT NULL
);
INSERT INTO suppliers VALUES (1, 'Acme', ROW('sales@acme.test', '+1 555 0100'));
