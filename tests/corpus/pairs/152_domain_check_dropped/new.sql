-- 152_domain_check_dropped: a domain check too strict for new postcodes is dropped; another stays.
-- This file is the state after the change.
CREATE DOMAIN postcode AS varchar(10)
    CONSTRAINT postcode_not_blank CHECK (btrim(VALUE) <> '');

CREATE TABLE addresses (
    address_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    street      text NOT NULL,
    postcode    postcode
);
