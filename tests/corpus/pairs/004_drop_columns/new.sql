-- 004_drop_columns: legacy columns are dropped from a customer table, one of them indexed.
-- This file is the state after the change.
CREATE TABLE customers (
    customer_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name    text NOT NULL,
    email        text NOT NULL
);
CREATE INDEX customers_email_idx ON customers (email);
