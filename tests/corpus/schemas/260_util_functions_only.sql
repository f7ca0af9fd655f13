-- schema: util
-- A shared utility schema that holds no tables, views or enums at all: only
-- functions, a procedure, a standalone sequence, a domain and grants (a schema of
-- this shape made plan --db fail before, see issue 9 class 1).
CREATE SCHEMA util;

DO $$ BEGIN CREATE ROLE util_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE DOMAIN util.non_empty_text AS text CHECK (btrim(VALUE) <> '');
CREATE SEQUENCE util.correlation_seq AS bigint START WITH 1 CACHE 100;

CREATE FUNCTION util.slugify(p_input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT trim(BOTH '-' FROM regexp_replace(lower(p_input), '[^a-z0-9]+', '-', 'g'))
$$;

CREATE FUNCTION util.next_correlation_id() RETURNS text
LANGUAGE sql AS $$ SELECT 'c-' || nextval('util.correlation_seq')::text $$;

CREATE FUNCTION util.business_days(p_from date, p_to date) RETURNS integer
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE d date := p_from; n integer := 0;
BEGIN
  WHILE d < p_to LOOP
    IF extract(isodow FROM d) < 6 THEN n := n + 1; END IF;
    d := d + 1;
  END LOOP;
  RETURN n;
END $$;

CREATE PROCEDURE util.sleep_ms(p_ms integer)
LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(p_ms / 1000.0); END $$;

GRANT USAGE ON SCHEMA util TO util_user;
GRANT USAGE ON SEQUENCE util.correlation_seq TO util_user;
REVOKE EXECUTE ON PROCEDURE util.sleep_ms(integer) FROM PUBLIC;
