-- schema: app_public
-- also: app_private
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;
CREATE TABLE app_public.invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  total numeric(12,2) NOT NULL,
  updated_at timestamptz
);
