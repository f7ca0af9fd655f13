-- 086_unique_promoted_to_primary_key: a table without a primary key gets one, using the columns of an existing unique constraint.
-- This file is the state after the change.
CREATE TABLE exchange_rates (
    base        char(3) NOT NULL,
    quote       char(3) NOT NULL,
    day         date NOT NULL,
    rate        numeric(18,8) NOT NULL,
    CONSTRAINT exchange_rates_pkey PRIMARY KEY (base, quote, day)
);
