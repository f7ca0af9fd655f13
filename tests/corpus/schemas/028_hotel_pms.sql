-- Hotel property-management system: logical replication to the revenue system uses
-- an explicit replica identity index on reservations; views for housekeeping with
-- CHECK OPTION; a deferrable unique key for room swaps.
CREATE TABLE hotels (
    hotel_code  char(5) PRIMARY KEY,
    name        text NOT NULL,
    stars       smallint CHECK (stars BETWEEN 1 AND 5)
);

CREATE TABLE rooms (
    hotel_code  char(5) NOT NULL REFERENCES hotels (hotel_code),
    room_no     varchar(6) NOT NULL,
    room_type   text NOT NULL,
    floor       smallint NOT NULL,
    status      text NOT NULL DEFAULT 'clean' CHECK (status IN ('clean', 'dirty', 'inspected', 'out_of_order')),
    PRIMARY KEY (hotel_code, room_no)
);

CREATE TABLE reservations (
    confirmation  varchar(12) NOT NULL,
    hotel_code    char(5) NOT NULL REFERENCES hotels (hotel_code),
    guest_name    text NOT NULL,
    arrival       date NOT NULL,
    departure     date NOT NULL,
    room_type     text NOT NULL,
    rate_code     text,
    CHECK (departure > arrival)
);
CREATE UNIQUE INDEX reservations_confirmation_idx ON reservations (hotel_code, confirmation);
ALTER TABLE reservations REPLICA IDENTITY USING INDEX reservations_confirmation_idx;

CREATE TABLE room_assignments (
    hotel_code    char(5) NOT NULL,
    confirmation  varchar(12) NOT NULL,
    room_no       varchar(6) NOT NULL,
    night         date NOT NULL,
    CONSTRAINT room_assignments_room_night UNIQUE (hotel_code, room_no, night) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (hotel_code, room_no) REFERENCES rooms (hotel_code, room_no),
    FOREIGN KEY (hotel_code, confirmation) REFERENCES reservations (hotel_code, confirmation) ON DELETE CASCADE
);

CREATE TABLE folios (
    folio_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hotel_code    char(5) NOT NULL,
    confirmation  varchar(12) NOT NULL,
    opened_at     timestamptz NOT NULL DEFAULT now(),
    closed_at     timestamptz,
    FOREIGN KEY (hotel_code, confirmation) REFERENCES reservations (hotel_code, confirmation)
);

CREATE TABLE folio_charges (
    charge_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    folio_id      bigint NOT NULL REFERENCES folios (folio_id),
    posted_at     timestamptz NOT NULL DEFAULT now(),
    code          text NOT NULL,
    amount        numeric(10,2) NOT NULL
);

CREATE VIEW dirty_rooms AS
    SELECT hotel_code, room_no, floor, status FROM rooms WHERE status = 'dirty'
    WITH CHECK OPTION;
CREATE VIEW floor_three_dirty AS
    SELECT hotel_code, room_no, floor, status FROM dirty_rooms WHERE floor = 3
    WITH LOCAL CHECK OPTION;
