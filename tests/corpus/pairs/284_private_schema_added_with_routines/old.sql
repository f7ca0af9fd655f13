-- schema: crm
CREATE SCHEMA crm;
CREATE TABLE crm.contacts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  opted_out boolean NOT NULL DEFAULT false
);
