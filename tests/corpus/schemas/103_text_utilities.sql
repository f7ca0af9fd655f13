-- schema: util
-- A utility schema of text helpers only (no tables): immutable SQL functions,
-- an overload set, a PL/pgSQL loop, a set-returning function and options
-- such as COST, PARALLEL RESTRICTED and a custom setting.
CREATE SCHEMA util;

CREATE FUNCTION util.slugify(p_input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT trim(BOTH '-' FROM regexp_replace(lower(p_input), '[^a-z0-9]+', '-', 'g'))
$$;

CREATE FUNCTION util.slugify(p_input text, p_max integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$SELECT left(util.slugify(p_input), p_max)$$;

CREATE FUNCTION util.initials(p_name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE COST 20 AS $$
DECLARE w text; out text := '';
BEGIN
  FOREACH w IN ARRAY regexp_split_to_array(trim(p_name), '\s+') LOOP
    out := out || upper(left(w, 1));
  END LOOP;
  RETURN out;
END
$$;

CREATE FUNCTION util.words(p_text text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE ROWS 25 AS $$SELECT regexp_split_to_table(p_text, '\s+')$$;

CREATE FUNCTION util.business_days(p_from date, p_to date) RETURNS integer
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET datestyle = 'ISO, MDY' AS $$
DECLARE d date := p_from; n integer := 0;
BEGIN
  WHILE d < p_to LOOP
    IF extract(isodow FROM d) < 6 THEN n := n + 1; END IF;
    d := d + 1;
  END LOOP;
  RETURN n;
END
$$;

COMMENT ON FUNCTION util.business_days(date, date) IS 'Weekdays from p_from (inclusive) to p_to (exclusive)';
