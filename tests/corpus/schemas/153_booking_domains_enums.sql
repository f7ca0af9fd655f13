-- Bookings: a domain over an enum (only states a guest may choose), a domain with a
-- default over a date type, a citext handle domain with its collation left to the base.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE booking_state AS ENUM ('requested', 'confirmed', 'cancelled', 'no_show');
CREATE DOMAIN guest_state AS booking_state CONSTRAINT guest_state_choosable CHECK (VALUE IN ('requested', 'cancelled'));
CREATE DOMAIN guest_handle AS citext CONSTRAINT guest_handle_shape CHECK (VALUE ~ '^[a-z0-9_]{3,20}$');
CREATE DOMAIN stay_nights AS smallint DEFAULT 1 CONSTRAINT stay_nights_range CHECK (VALUE BETWEEN 1 AND 60);

CREATE TABLE guests (
    guest_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle      guest_handle NOT NULL UNIQUE,
    joined      date NOT NULL DEFAULT current_date
);

CREATE TABLE rooms (
    room_no     integer PRIMARY KEY,
    beds        smallint NOT NULL CHECK (beds > 0)
);

CREATE TABLE bookings (
    booking_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    guest_id    bigint NOT NULL REFERENCES guests (guest_id),
    room_no     integer NOT NULL REFERENCES rooms (room_no),
    state       booking_state NOT NULL DEFAULT 'requested',
    nights      stay_nights NOT NULL,
    arrives     date NOT NULL
);

CREATE TABLE guest_requests (
    request_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id  bigint NOT NULL REFERENCES bookings (booking_id) ON DELETE CASCADE,
    wanted      guest_state NOT NULL
);
