-- 076_generated_columns: a stored generated column is added and the expression of another changes.
-- This file is the state before the change.
CREATE TABLE invoice_lines (
    invoice_id  bigint NOT NULL,
    line_no     smallint NOT NULL,
    qty         integer NOT NULL,
    unit_price  numeric(10,2) NOT NULL,
    tax_rate    numeric(4,3) NOT NULL DEFAULT 0.2,
    net         numeric(12,2) GENERATED ALWAYS AS (qty * unit_price) STORED,
    PRIMARY KEY (invoice_id, line_no)
);
