-- schema: Legacy App
-- Odd identifiers in functions: a mixed-case schema, mixed-case function
-- and argument names, an argument without a name, and a body using its own
-- dollar-quote tag.
CREATE SCHEMA "Legacy App";

CREATE TABLE "Legacy App"."Orders" (
    "OrderId" integer PRIMARY KEY,
    "Total"   numeric(10,2) NOT NULL
);

CREATE FUNCTION "Legacy App"."OrderTotal"("OrderNo" integer) RETURNS numeric
LANGUAGE sql STABLE AS $$SELECT "Total" FROM "Legacy App"."Orders" WHERE "OrderId" = "OrderNo"$$;

CREATE FUNCTION "Legacy App".double_it(integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$SELECT $1 * 2$$;

CREATE FUNCTION "Legacy App".quote_note(p_note text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $body$
BEGIN
  RETURN $q$note: $q$ || p_note;
END
$body$;
