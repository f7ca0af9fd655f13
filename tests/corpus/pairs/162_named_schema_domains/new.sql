-- schema: billing
-- 162_named_schema_domains: a release in a named schema: a domain is added, another changes its default and NOT NULL.
-- This file is the state after the change.
CREATE SCHEMA billing;
SET search_path TO billing;
CREATE DOMAIN plan_code AS text NOT NULL DEFAULT 'basic';
CREATE DOMAIN seats AS integer DEFAULT 1 CONSTRAINT seats_positive CHECK (VALUE > 0);

CREATE TABLE plans (
    code        plan_code PRIMARY KEY,
    price_cents integer NOT NULL,
    max_seats   seats
);
INSERT INTO plans VALUES ('basic', 900), ('pro', 2900);
