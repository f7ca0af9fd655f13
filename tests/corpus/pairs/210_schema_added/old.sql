-- schema: app_public
CREATE SCHEMA app_public;
CREATE TABLE app_public.accounts (
  id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE app_public.projects (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES app_public.accounts (id),
  title text NOT NULL
);
