-- schema: app_public
-- also: app_private
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;
CREATE TABLE app_public.invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  total numeric(12,2) NOT NULL,
  updated_at timestamptz
);
CREATE FUNCTION app_private.tg_touch() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER invoices_touch BEFORE UPDATE ON app_public.invoices
  FOR EACH ROW EXECUTE FUNCTION app_private.tg_touch();
