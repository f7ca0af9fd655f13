-- 023_smallserial_to_identity_always: a smallserial lookup key becomes GENERATED ALWAYS with a bounded range.
-- This file is the state after the change.
CREATE TABLE countries (
    country_id  smallint GENERATED ALWAYS AS IDENTITY (MINVALUE 1 MAXVALUE 999) PRIMARY KEY,
    iso2        char(2) NOT NULL UNIQUE,
    name        text NOT NULL
);

CREATE TABLE regions (
    region_id   serial PRIMARY KEY,
    country_id  smallint NOT NULL REFERENCES countries (country_id),
    name        text NOT NULL
);
