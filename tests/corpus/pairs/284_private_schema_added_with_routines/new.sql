-- schema: crm
-- also: crm_api
DO $$ BEGIN CREATE ROLE crm_client; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA crm;
CREATE SCHEMA crm_api;
COMMENT ON SCHEMA crm_api IS 'Entry points for the mailing service';
CREATE TABLE crm.contacts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  opted_out boolean NOT NULL DEFAULT false
);
CREATE FUNCTION crm_api.opt_out(p_email text) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
  UPDATE crm.contacts SET opted_out = true WHERE email = lower(p_email) RETURNING true
$$;
CREATE FUNCTION crm_api.opt_out(p_id bigint) RETURNS boolean
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
  UPDATE crm.contacts SET opted_out = true WHERE id = p_id RETURNING true
$$;
REVOKE EXECUTE ON FUNCTION crm_api.opt_out(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crm_api.opt_out(text) TO crm_client;
