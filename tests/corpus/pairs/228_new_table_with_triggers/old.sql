-- schema: crm
-- A new notes table arrives with its own updated_at trigger (reusing the
-- existing function) and a mention trigger with a new function.
CREATE SCHEMA crm;

CREATE TABLE crm.contacts (
    contact_id integer PRIMARY KEY,
    name       text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION crm.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER contacts_touch BEFORE UPDATE ON crm.contacts
    FOR EACH ROW EXECUTE FUNCTION crm.touch();
