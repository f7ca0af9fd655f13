-- The legacy `priority` column is dropped together with the trigger that
-- fired on updates of it (the trigger must go first), and a new column gets
-- a trigger of its own.
CREATE TABLE tickets (
    ticket_id  integer PRIMARY KEY,
    title      text NOT NULL,
    priority   integer,
    severity   text,
    escalated  boolean NOT NULL DEFAULT false
);

CREATE FUNCTION escalate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.escalated := true;
  RETURN NEW;
END
$$;

CREATE TRIGGER tickets_escalate BEFORE UPDATE OF priority ON tickets
    FOR EACH ROW WHEN (NEW.priority > 3) EXECUTE FUNCTION escalate();
