-- Room-booking engine: a custom range type over time of day, domains for e-mail
-- and positive durations, SQL and PL/pgSQL helpers, an updated_at trigger on every
-- table and a constraint trigger that rejects bookings on closed days.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE FUNCTION time_diff_seconds(a time, b time) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT extract(epoch FROM a - b)::double precision $$;
CREATE TYPE timerange AS RANGE (subtype = time, subtype_diff = time_diff_seconds);
CREATE DOMAIN email_address AS text CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');
CREATE DOMAIN positive_minutes AS integer CHECK (VALUE > 0);

CREATE TABLE spaces (
    space_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    capacity    integer NOT NULL,
    open_hours  timerange NOT NULL DEFAULT '[08:00,20:00)',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE closures (
    space_id    integer NOT NULL REFERENCES spaces (space_id) ON DELETE CASCADE,
    closed_on   date NOT NULL,
    reason      text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (space_id, closed_on)
);

CREATE TABLE bookings (
    booking_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    space_id    integer NOT NULL REFERENCES spaces (space_id),
    booked_by   email_address NOT NULL,
    day         date NOT NULL,
    hours       timerange NOT NULL,
    setup_time  positive_minutes,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    EXCLUDE USING gist (space_id WITH =, day WITH =, hours WITH &&)
);

CREATE TABLE booking_guests (
    booking_id  bigint NOT NULL REFERENCES bookings (booking_id) ON DELETE CASCADE,
    guest_email email_address NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (booking_id, guest_email)
);

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at = now(); RETURN NEW; END $$;

CREATE FUNCTION booking_minutes(b bookings) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT (extract(epoch FROM upper(b.hours) - lower(b.hours)) / 60)::integer
$$;

CREATE FUNCTION free_spaces(p_day date, p_hours timerange)
RETURNS TABLE (space_id integer, name text)
LANGUAGE sql STABLE AS $$
  SELECT s.space_id, s.name FROM spaces s
  WHERE s.open_hours @> p_hours
    AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.space_id = s.space_id AND c.closed_on = p_day)
    AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.space_id = s.space_id AND b.day = p_day AND b.hours && p_hours)
$$;

CREATE FUNCTION reject_closed_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM closures WHERE space_id = NEW.space_id AND closed_on = NEW.day) THEN
    RAISE EXCEPTION 'space % is closed on %', NEW.space_id, NEW.day USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER spaces_updated_at BEFORE UPDATE ON spaces FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER closures_updated_at BEFORE UPDATE ON closures FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER bookings_updated_at BEFORE UPDATE ON bookings FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER booking_guests_updated_at BEFORE UPDATE ON booking_guests FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE CONSTRAINT TRIGGER bookings_open_day AFTER INSERT OR UPDATE OF day, space_id ON bookings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reject_closed_day();

-- Closures are never deleted, only ended: a rule swallows deletes (rules
-- stay outside the language).
CREATE RULE closures_keep AS ON DELETE TO closures DO INSTEAD NOTHING;
