-- schema: billing
-- 162_named_schema_domains: a release in a named schema: a domain is added, another changes its default and NOT NULL.
-- This file is the state before the change.
CREATE SCHEMA billing;
SET search_path TO billing;
CREATE DOMAIN plan_code AS text;

CREATE TABLE plans (
    code        plan_code PRIMARY KEY,
    price_cents integer NOT NULL
);
INSERT INTO plans VALUES ('basic', 900), ('pro', 2900);
