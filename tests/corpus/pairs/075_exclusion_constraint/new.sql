-- 075_exclusion_constraint: double bookings are ruled out with an exclusion constraint (btree_gist added); another is dropped.
-- This file is the state after the change.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE rooms (
    room_id     integer PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE bookings (
    booking_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id     integer NOT NULL REFERENCES rooms (room_id),
    during      tstzrange NOT NULL,
    booked_by   text NOT NULL,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)
);

CREATE TABLE maintenance (
    room_id     integer NOT NULL REFERENCES rooms (room_id),
    during      tstzrange NOT NULL
);
