-- 024_standalone_sequence_default: invoice numbers move from a serial to a shared standalone sequence used by a nextval default.
-- This file is the state before the change.
CREATE TABLE invoices (
    invoice_no  serial PRIMARY KEY,
    customer    text NOT NULL,
    issued_on   date NOT NULL DEFAULT current_date
);

CREATE TABLE credit_notes (
    credit_no   integer PRIMARY KEY,
    invoice_no  integer NOT NULL REFERENCES invoices (invoice_no),
    amount      numeric(12,2) NOT NULL
);
