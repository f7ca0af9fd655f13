-- 024_standalone_sequence_default: invoice numbers move from a serial to a shared standalone sequence used by a nextval default.
-- This file is the state after the change.
CREATE SEQUENCE document_no_seq START WITH 10000 CACHE 10;

CREATE TABLE invoices (
    invoice_no  integer PRIMARY KEY DEFAULT nextval('document_no_seq'),
    customer    text NOT NULL,
    issued_on   date NOT NULL DEFAULT current_date
);

CREATE TABLE credit_notes (
    credit_no   integer PRIMARY KEY DEFAULT nextval('document_no_seq'),
    invoice_no  integer NOT NULL REFERENCES invoices (invoice_no),
    amount      numeric(12,2) NOT NULL
);
