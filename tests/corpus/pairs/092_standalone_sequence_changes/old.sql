-- 092_standalone_sequence_changes: standalone sequences: options change on one, one is added for a new default, one unused is dropped.
-- This file is the state before the change.
CREATE SEQUENCE order_no_seq START WITH 1000;
CREATE SEQUENCE unused_ticket_seq;

CREATE TABLE orders (
    order_no    bigint PRIMARY KEY DEFAULT nextval('order_no_seq'),
    placed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE returns (
    return_no   bigint PRIMARY KEY,
    order_no    bigint NOT NULL REFERENCES orders (order_no)
);
