-- 004_drop_columns: legacy columns are dropped from a customer table, one of them indexed.
-- This file is the state before the change.
CREATE TABLE customers (
    customer_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name    text NOT NULL,
    fax_number   text,
    icq_handle   text,
    email        text NOT NULL,
    legacy_code  char(8)
);
CREATE INDEX customers_legacy_code_idx ON customers (legacy_code);
CREATE INDEX customers_email_idx ON customers (email);
