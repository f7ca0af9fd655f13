-- 085_varchar_and_numeric_widened: column types widen without USING: varchar length, numeric precision, varchar to text, timestamp to timestamptz.
-- This file is the state after the change.
CREATE TABLE addresses (
    address_id  bigint PRIMARY KEY,
    line1       varchar(200) NOT NULL,
    line2       text,
    city        varchar(120) NOT NULL,
    lat         numeric(9,6),
    lon         numeric(9,6),
    verified_at timestamptz
);
CREATE INDEX addresses_city_idx ON addresses (city);
