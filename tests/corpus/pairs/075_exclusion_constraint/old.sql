-- 075_exclusion_constraint: double bookings are ruled out with an exclusion constraint (btree_gist added); another is dropped.
-- This file is the state before the change.
CREATE TABLE rooms (
    room_id     integer PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE bookings (
    booking_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id     integer NOT NULL REFERENCES rooms (room_id),
    during      tstzrange NOT NULL,
    booked_by   text NOT NULL
);

CREATE TABLE maintenance (
    room_id     integer NOT NULL REFERENCES rooms (room_id),
    during      tstzrange NOT NULL,
    CONSTRAINT maintenance_no_overlap EXCLUDE USING gist (during WITH &&)
);
