-- schema: crm
-- Default privileges for tables another role creates, and for the
-- migration role's sequences.
CREATE SCHEMA crm;

DO $$ BEGIN CREATE ROLE crm_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE crm_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE crm_bi; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER DEFAULT PRIVILEGES FOR ROLE crm_owner IN SCHEMA crm GRANT SELECT, INSERT, UPDATE ON TABLES TO crm_app;
ALTER DEFAULT PRIVILEGES FOR ROLE crm_owner IN SCHEMA crm GRANT SELECT ON TABLES TO crm_bi;

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
