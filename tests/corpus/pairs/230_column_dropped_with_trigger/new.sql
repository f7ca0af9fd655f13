-- The legacy `priority` column is dropped together with the trigger that
-- fired on updates of it (the trigger must go first), and a new column gets
-- a trigger of its own.
CREATE TABLE tickets (
    ticket_id  integer PRIMARY KEY,
    title      text NOT NULL,
    severity   text,
    escalated  boolean NOT NULL DEFAULT false,
    urgent     boolean NOT NULL DEFAULT false
);

CREATE FUNCTION escalate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.escalated := true;
  RETURN NEW;
END
$$;

CREATE TRIGGER tickets_escalate_urgent BEFORE UPDATE OF urgent ON tickets
    FOR EACH ROW WHEN (NEW.urgent) EXECUTE FUNCTION escalate();
