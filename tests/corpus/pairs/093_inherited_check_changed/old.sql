-- 093_inherited_check_changed: a check on an inheritance parent is replaced (the children inherit the new one).
-- This file is the state before the change.
CREATE TABLE payments (
    payment_id  bigint NOT NULL,
    amount      numeric(12,2) NOT NULL,
    currency    char(3) NOT NULL,
    CONSTRAINT payments_amount_check CHECK (amount > 0),
    CONSTRAINT payments_currency_check CHECK (currency IN ('EUR', 'USD'))
);

CREATE TABLE card_payments (
    card_last4  char(4) NOT NULL,
    PRIMARY KEY (payment_id)
) INHERITS (payments);

CREATE TABLE bank_payments (
    iban        text NOT NULL,
    PRIMARY KEY (payment_id)
) INHERITS (payments);
