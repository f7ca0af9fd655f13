-- 152_domain_check_dropped: a domain check too strict for new postcodes is dropped; another stays.
-- This file is the state before the change.
CREATE DOMAIN postcode AS varchar(10)
    CONSTRAINT postcode_digits CHECK (VALUE ~ '^[0-9]{5}$')
    CONSTRAINT postcode_not_blank CHECK (btrim(VALUE) <> '');

CREATE TABLE addresses (
    address_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    street      text NOT NULL,
    postcode    postcode
);
