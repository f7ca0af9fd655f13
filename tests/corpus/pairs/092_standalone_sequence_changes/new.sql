-- 092_standalone_sequence_changes: standalone sequences: options change on one, one is added for a new default, one unused is dropped.
-- This file is the state after the change.
CREATE SEQUENCE order_no_seq START WITH 1000 INCREMENT BY 10 MAXVALUE 9999999999 CACHE 5;
CREATE SEQUENCE return_no_seq AS integer START WITH 1;

CREATE TABLE orders (
    order_no    bigint PRIMARY KEY DEFAULT nextval('order_no_seq'),
    placed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE returns (
    return_no   bigint PRIMARY KEY DEFAULT nextval('return_no_seq'),
    order_no    bigint NOT NULL REFERENCES orders (order_no)
);
