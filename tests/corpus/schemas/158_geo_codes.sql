-- Geographic reference data: ISO code domains (collation "C"), a latitude and a
-- longitude domain, and an unnamed domain check that PostgreSQL names itself.
CREATE DOMAIN iso_country AS char(2) COLLATE "C" CHECK (VALUE ~ '^[A-Z]{2}$');
CREATE DOMAIN iso_currency AS char(3) COLLATE "C" CHECK (VALUE ~ '^[A-Z]{3}$');
CREATE DOMAIN latitude AS numeric(8,6) CHECK (VALUE BETWEEN -90 AND 90);
CREATE DOMAIN longitude AS numeric(9,6) CHECK (VALUE BETWEEN -180 AND 180);

CREATE TABLE countries (
    code        iso_country PRIMARY KEY,
    name        text NOT NULL,
    currency    iso_currency NOT NULL
);

CREATE TABLE cities (
    city_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country     iso_country NOT NULL REFERENCES countries (code),
    name        text NOT NULL,
    lat         latitude NOT NULL,
    lon         longitude NOT NULL
);

CREATE TABLE exchange_rates (
    base        iso_currency NOT NULL,
    quote       iso_currency NOT NULL,
    day         date NOT NULL,
    rate        numeric(18,8) NOT NULL CHECK (rate > 0),
    PRIMARY KEY (base, quote, day)
);

CREATE TABLE airports (
    iata        char(3) PRIMARY KEY,
    city_id     integer NOT NULL REFERENCES cities (city_id),
    lat         latitude,
    lon         longitude
);
