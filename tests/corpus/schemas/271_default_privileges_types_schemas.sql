-- schema: catalog
-- also: catalog_archive
-- Database-wide defaults set after the schemas exist: USAGE on new types
-- revoked from PUBLIC and given to a reader, USAGE on new schemas, sequences
-- of the tier's schemas granted; enums, domains and a standalone sequence
-- created afterwards carry them, one domain keeps PUBLIC's USAGE back.
CREATE SCHEMA catalog;
CREATE SCHEMA catalog_archive;

DO $$ BEGIN CREATE ROLE catalog_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE catalog_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO catalog_reader;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO catalog_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA catalog GRANT USAGE, SELECT ON SEQUENCES TO catalog_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA catalog_archive GRANT SELECT ON TABLES TO catalog_reader;

CREATE TYPE catalog.item_state AS ENUM ('draft', 'listed', 'retired');
CREATE DOMAIN catalog.sku AS text CHECK (VALUE ~ '^[A-Z0-9-]{4,32}$');
CREATE DOMAIN catalog.weight_grams AS integer CHECK (VALUE > 0);
GRANT USAGE ON DOMAIN catalog.weight_grams TO PUBLIC;

CREATE SEQUENCE catalog.sku_numbers START 1000;

CREATE TABLE catalog.items (
    item_id     bigint PRIMARY KEY,
    sku         catalog.sku NOT NULL UNIQUE,
    state       catalog.item_state NOT NULL DEFAULT 'draft',
    weight      catalog.weight_grams
);

CREATE TABLE catalog.item_prices (
    item_id     bigint NOT NULL REFERENCES catalog.items (item_id),
    valid_from  date NOT NULL,
    cents       integer NOT NULL,
    PRIMARY KEY (item_id, valid_from)
);

CREATE TABLE catalog_archive.retired_items (
    item_id     bigint PRIMARY KEY,
    retired_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog_archive.retired_prices (
    item_id     bigint NOT NULL,
    valid_from  date NOT NULL,
    cents       integer NOT NULL,
    PRIMARY KEY (item_id, valid_from)
);
