-- schema: Legacy App
-- An ORM-made schema: mixed-case tables, columns and trigger names, a
-- trigger whose name needs quoting, and UPDATE OF a quoted column.
CREATE SCHEMA "Legacy App";

CREATE TABLE "Legacy App"."Customers" (
    "Id"        integer PRIMARY KEY,
    "Email"     text NOT NULL,
    "UpdatedAt" timestamp NOT NULL DEFAULT now()
);

CREATE TABLE "Legacy App"."EmailChanges" (
    "Id"         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "CustomerId" integer NOT NULL,
    "OldEmail"   text,
    "NewEmail"   text
);

CREATE FUNCTION "Legacy App"."TouchUpdatedAt"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW."UpdatedAt" := now();
  RETURN NEW;
END
$$;

CREATE FUNCTION "Legacy App".log_email_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "Legacy App"."EmailChanges" ("CustomerId", "OldEmail", "NewEmail")
  VALUES (NEW."Id", OLD."Email", NEW."Email");
  RETURN NULL;
END
$$;

CREATE TRIGGER "Customers Touch" BEFORE UPDATE ON "Legacy App"."Customers"
    FOR EACH ROW EXECUTE FUNCTION "Legacy App"."TouchUpdatedAt"();
CREATE TRIGGER "EmailChanged" AFTER UPDATE OF "Email" ON "Legacy App"."Customers"
    FOR EACH ROW WHEN (OLD."Email" IS DISTINCT FROM NEW."Email")
    EXECUTE FUNCTION "Legacy App".log_email_change();
