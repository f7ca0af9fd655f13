-- schema: studio
-- also: studio_types
-- A recording studio's bookings, with every shared type in a schema that holds no table:
-- an enum, a domain over it, a composite and a range, and USAGE on that schema for the
-- booking service alone.
CREATE SCHEMA studio;
CREATE SCHEMA studio_types;

DO $$ BEGIN CREATE ROLE studio_booker; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
REVOKE ALL ON SCHEMA studio_types FROM PUBLIC;
GRANT USAGE ON SCHEMA studio_types TO studio_booker;

CREATE TYPE studio_types.room_kind AS ENUM ('live', 'control', 'vocal_booth', 'mix');
CREATE DOMAIN studio_types.bookable_kind AS studio_types.room_kind
  CONSTRAINT bookable_kind_not_mix CHECK (VALUE <> 'mix');
CREATE TYPE studio_types.contact AS (name text, phone text);
CREATE TYPE studio_types.hour_span AS RANGE (subtype = smallint);
COMMENT ON SCHEMA studio_types IS 'Types shared by the booking service';

CREATE TABLE studio.rooms (
  room_id integer PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kind studio_types.room_kind NOT NULL DEFAULT 'live'
);
CREATE TABLE studio.clients (
  client_id uuid PRIMARY KEY,
  company text NOT NULL,
  primary_contact studio_types.contact,
  other_contacts studio_types.contact[] NOT NULL DEFAULT '{}'
);
CREATE TABLE studio.bookings (
  booking_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room_id integer NOT NULL REFERENCES studio.rooms (room_id),
  client_id uuid NOT NULL REFERENCES studio.clients (client_id),
  wanted studio_types.bookable_kind NOT NULL,
  hours studio_types.hour_span NOT NULL CHECK (NOT isempty(hours)),
  booked_on date NOT NULL DEFAULT CURRENT_DATE
);
CREATE INDEX rooms_vocal_idx ON studio.rooms (name) WHERE kind = 'vocal_booth';
CREATE TABLE studio.session_notes (
  booking_id bigint PRIMARY KEY REFERENCES studio.bookings (booking_id) ON DELETE CASCADE,
  note text NOT NULL
);
