-- schema: Reports
-- Names an ORM and a BI tool chose: a mixed-case schema, quoted table and
-- column names, and roles whose names need quoting.
CREATE SCHEMA "Reports";
SET search_path = "Reports";

DO $$ BEGIN CREATE ROLE "Report Reader"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE "etl-writer"; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE "Daily Sales" (
    "Day"        date PRIMARY KEY,
    "Revenue"    numeric(12, 2) NOT NULL,
    "Orders"     integer NOT NULL
);

CREATE TABLE "regionTotals" (
    region   text PRIMARY KEY,
    "Total"  numeric(14, 2) NOT NULL
);

CREATE VIEW "Weekly" AS
    SELECT date_trunc('week', "Day") AS week, sum("Revenue") AS revenue
    FROM "Daily Sales" GROUP BY 1;

GRANT USAGE ON SCHEMA "Reports" TO "Report Reader", "etl-writer";
GRANT SELECT ON "Daily Sales", "regionTotals", "Weekly" TO "Report Reader";
GRANT INSERT, UPDATE ON "Daily Sales", "regionTotals" TO "etl-writer";
GRANT UPDATE ("Total") ON "regionTotals" TO "Report Reader";
