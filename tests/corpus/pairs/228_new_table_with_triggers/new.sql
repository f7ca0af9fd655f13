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

CREATE TABLE crm.notes (
    note_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id integer NOT NULL REFERENCES crm.contacts (contact_id) ON DELETE CASCADE,
    body       text NOT NULL,
    mentions   integer NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION crm.count_mentions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.mentions := (SELECT count(*) FROM regexp_matches(NEW.body, '@\w+', 'g'));
  RETURN NEW;
END
$$;

CREATE TRIGGER notes_touch BEFORE UPDATE ON crm.notes
    FOR EACH ROW EXECUTE FUNCTION crm.touch();
CREATE TRIGGER notes_mentions BEFORE INSERT OR UPDATE OF body ON crm.notes
    FOR EACH ROW EXECUTE FUNCTION crm.count_mentions();
