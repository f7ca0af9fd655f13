-- schema: events
-- also: events_types
-- An events-ticketing tenant app: a booking-window range over timestamptz (with a named
-- multirange) and a price-band range over numeric live in the types schema; venue
-- bookings may not overlap (an exclusion constraint needing btree_gist, installed in the
-- events schema) and venues keep their blackout periods as a multirange.
CREATE SCHEMA events;
CREATE SCHEMA events_types;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA events;

CREATE TYPE events_types.booking_window AS RANGE (
  subtype = timestamptz,
  subtype_diff = tstzrange_subdiff,
  multirange_type_name = events_types.booking_windows
);
COMMENT ON TYPE events_types.booking_window IS 'When a venue is held, lower bound included';

CREATE TYPE events_types.price_band AS RANGE (
  subtype = numeric
);

CREATE TABLE events.organisers (
  organiser_id uuid PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE events.venues (
  venue_id integer PRIMARY KEY,
  organiser_id uuid NOT NULL REFERENCES events.organisers (organiser_id),
  name text NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  blackouts events_types.booking_windows NOT NULL DEFAULT '{}'
);

CREATE TABLE events.venue_bookings (
  booking_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  venue_id integer NOT NULL REFERENCES events.venues (venue_id),
  title text NOT NULL,
  held events_types.booking_window NOT NULL,
  cancelled boolean NOT NULL DEFAULT false,
  CONSTRAINT venue_bookings_no_overlap
    EXCLUDE USING gist (venue_id WITH =, held WITH &&) WHERE (NOT cancelled),
  CONSTRAINT venue_bookings_bounded CHECK (NOT lower_inf(held) AND NOT upper_inf(held))
);

CREATE TABLE events.ticket_tiers (
  tier_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id bigint NOT NULL REFERENCES events.venue_bookings (booking_id) ON DELETE CASCADE,
  name text NOT NULL,
  price events_types.price_band NOT NULL DEFAULT '[0,0]',
  on_sale events_types.booking_window,
  UNIQUE (booking_id, name)
);
CREATE INDEX ticket_tiers_on_sale_idx ON events.ticket_tiers USING gist (on_sale);

CREATE TABLE events_types.public_holidays (
  region char(2) NOT NULL,
  observed events_types.booking_window NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (region, name),
  EXCLUDE USING gist (region WITH =, observed WITH &&)
);

CREATE TABLE events_types.fee_schedules (
  schedule_id integer PRIMARY KEY,
  applies_to events_types.price_band NOT NULL,
  fee_percent numeric(4, 2) NOT NULL,
  CHECK (NOT isempty(applies_to))
);
