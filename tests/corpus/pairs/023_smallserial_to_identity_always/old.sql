-- 023_smallserial_to_identity_always: a smallserial lookup key becomes GENERATED ALWAYS with a bounded range.
-- This file is the state before the change.
CREATE TABLE countries (
    country_id  smallserial PRIMARY KEY,
    iso2        char(2) NOT NULL UNIQUE,
    name        text NOT NULL
);

CREATE TABLE regions (
    region_id   serial PRIMARY KEY,
    country_id  smallint NOT NULL REFERENCES countries (country_id),
    name        text NOT NULL
);
