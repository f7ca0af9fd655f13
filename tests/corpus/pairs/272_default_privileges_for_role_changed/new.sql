-- schema: crm
-- The owner's defaults narrowed (no UPDATE) and widened (SELECT with grant
-- option for BI, DELETE for the app); the migration role's sequences in the
-- schema granted, and a standalone sequence created after carries it.
CREATE SCHEMA crm;

DO $$ BEGIN CREATE ROLE crm_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE crm_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE crm_bi; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER DEFAULT PRIVILEGES FOR ROLE crm_owner IN SCHEMA crm GRANT SELECT, INSERT, DELETE ON TABLES TO crm_app;
ALTER DEFAULT PRIVILEGES FOR ROLE crm_owner IN SCHEMA crm GRANT SELECT ON TABLES TO crm_bi WITH GRANT OPTION;

CREATE TABLE crm.contacts (
    contact_id bigint PRIMARY KEY,
    email      text NOT NULL UNIQUE
);

CREATE TABLE crm.deals (
    deal_id    bigint PRIMARY KEY,
    contact_id bigint NOT NULL REFERENCES crm.contacts (contact_id),
    cents      bigint NOT NULL
);

CREATE SEQUENCE crm.deal_numbers;

ALTER DEFAULT PRIVILEGES IN SCHEMA crm GRANT USAGE ON SEQUENCES TO crm_app;

CREATE SEQUENCE crm.invoice_numbers START 5000;
