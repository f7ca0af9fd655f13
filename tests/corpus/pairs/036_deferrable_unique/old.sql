-- 036_deferrable_unique: unique keys change deferrability: IMMEDIATE to DEFERRED, and DEFERRABLE to not.
-- This file is the state before the change.
CREATE TABLE seats (
    flight_no   text NOT NULL,
    seat        text NOT NULL,
    passenger   text,
    boarding_no integer,
    CONSTRAINT seats_pkey PRIMARY KEY (flight_no, seat),
    CONSTRAINT seats_passenger_key UNIQUE (flight_no, passenger) DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT seats_boarding_key UNIQUE (flight_no, boarding_no) DEFERRABLE
);
