-- 008_drop_foreign_key: a foreign key to a table moved to another service is dropped.
-- This file is the state after the change.
CREATE TABLE warehouses (
    warehouse_id integer PRIMARY KEY,
    name         text NOT NULL
);

CREATE TABLE shipments (
    shipment_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warehouse_id integer NOT NULL,
    carrier      text NOT NULL
);
