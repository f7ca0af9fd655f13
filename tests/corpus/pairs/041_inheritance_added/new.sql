-- 041_inheritance_added: two free-standing tables are attached to a new parent with INHERIT.
-- This file is the state after the change.
CREATE TABLE vehicles (
    vin         char(17) NOT NULL,
    plate       text NOT NULL,
    acquired_on date NOT NULL
);

CREATE TABLE cars (
    vin         char(17) NOT NULL,
    plate       text NOT NULL,
    acquired_on date NOT NULL,
    seats       smallint NOT NULL DEFAULT 5,
    PRIMARY KEY (vin)
) INHERITS (vehicles);

CREATE TABLE trucks (
    vin         char(17) NOT NULL,
    plate       text NOT NULL,
    acquired_on date NOT NULL,
    payload_kg  integer NOT NULL,
    PRIMARY KEY (vin)
) INHERITS (vehicles);
