-- schema: app_public
-- also: app_private
-- Timestamp and audit trigger functions kept in app_private, fired by
-- tables of both schemas.
CREATE SCHEMA app_public;
CREATE SCHEMA app_private;

CREATE FUNCTION app_private.tg_timestamps() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  NEW.updated_at := now();
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := now();
  END IF;
  RETURN NEW;
END
$$;

CREATE TABLE app_public.organizations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE app_private.audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  op text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION app_private.tg_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO app_private.audit_log (table_name, op) VALUES (TG_TABLE_NAME, TG_OP);
  RETURN NULL;
END
$$;

CREATE TRIGGER _100_timestamps BEFORE INSERT OR UPDATE ON app_public.organizations
  FOR EACH ROW EXECUTE FUNCTION app_private.tg_timestamps();
CREATE TRIGGER _900_audit AFTER INSERT OR UPDATE OR DELETE ON app_public.organizations
  FOR EACH ROW EXECUTE FUNCTION app_private.tg_audit();
CREATE TRIGGER _100_timestamps BEFORE INSERT OR UPDATE ON app_private.audit_log
  FOR EACH ROW EXECUTE FUNCTION app_private.tg_timestamps();
