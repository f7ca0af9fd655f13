-- schema: booking
-- Room bookings checked by constraint triggers: overlap checks deferred to
-- commit so a batch may move bookings around, a capacity check deferrable
-- but immediate by default, and a not deferrable constraint trigger on
-- payments.
CREATE SCHEMA booking;

CREATE TABLE booking.rooms (
    room_id  integer PRIMARY KEY,
    name     text NOT NULL,
    capacity integer NOT NULL CHECK (capacity > 0)
);

CREATE TABLE booking.bookings (
    booking_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id    integer NOT NULL REFERENCES booking.rooms (room_id),
    guests     integer NOT NULL,
    starts_on  date NOT NULL,
    ends_on    date NOT NULL,
    CHECK (ends_on > starts_on)
);

CREATE TABLE booking.payments (
    payment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id bigint NOT NULL REFERENCES booking.bookings (booking_id),
    amount     numeric(10,2) NOT NULL
);

CREATE FUNCTION booking.check_overlap() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM booking.bookings b
              WHERE b.room_id = NEW.room_id AND b.booking_id <> NEW.booking_id
                AND daterange(b.starts_on, b.ends_on) && daterange(NEW.starts_on, NEW.ends_on)) THEN
    RAISE EXCEPTION 'room % is already booked', NEW.room_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION booking.check_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.guests > (SELECT capacity FROM booking.rooms WHERE room_id = NEW.room_id) THEN
    RAISE EXCEPTION 'too many guests for room %', NEW.room_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION booking.check_amount() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount <= 0 THEN
    RAISE EXCEPTION 'payments must be positive';
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER bookings_no_overlap AFTER INSERT OR UPDATE ON booking.bookings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION booking.check_overlap();
CREATE CONSTRAINT TRIGGER bookings_capacity AFTER INSERT OR UPDATE OF guests, room_id ON booking.bookings
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION booking.check_capacity();
CREATE CONSTRAINT TRIGGER payments_positive AFTER INSERT ON booking.payments
    FOR EACH ROW WHEN (NEW.amount <= 0) EXECUTE FUNCTION booking.check_amount();
COMMENT ON TRIGGER bookings_no_overlap ON booking.bookings IS 'Checked at commit so batches can swap rooms.';
