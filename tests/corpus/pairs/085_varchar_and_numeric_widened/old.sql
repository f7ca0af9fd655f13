-- 085_varchar_and_numeric_widened: column types widen without USING: varchar length, numeric precision, varchar to text, timestamp to timestamptz.
-- This file is the state before the change.
CREATE TABLE addresses (
    address_id  bigint PRIMARY KEY,
    line1       varchar(100) NOT NULL,
    line2       varchar(100),
    city        varchar(60) NOT NULL,
    lat         numeric(8,5),
    lon         numeric(8,5),
    verified_at timestamp
);
CREATE INDEX addresses_city_idx ON addresses (city);
