-- schema: mailq
-- A mail queue: a BEFORE UPDATE OF attempts trigger moves a message that
-- has used up its attempts to the dead-letter table, and an AFTER INSERT
-- statement trigger wakes the workers.
CREATE SCHEMA mailq;

CREATE TABLE mailq.messages (
    message_id   uuid PRIMARY KEY,
    recipient    text NOT NULL,
    subject      text NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 5,
    last_error   text,
    queued_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mailq.dead_letters (
    message_id uuid PRIMARY KEY,
    recipient  text NOT NULL,
    subject    text NOT NULL,
    attempts   integer NOT NULL,
    last_error text,
    dead_at    timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION mailq.move_to_dead_letters() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mailq.dead_letters (message_id, recipient, subject, attempts, last_error)
  VALUES (NEW.message_id, NEW.recipient, NEW.subject, NEW.attempts, NEW.last_error);
  DELETE FROM mailq.messages WHERE message_id = NEW.message_id;
  RETURN NULL;
END
$$;

CREATE FUNCTION mailq.notify_workers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER messages_dead_letter BEFORE UPDATE OF attempts ON mailq.messages
    FOR EACH ROW WHEN (NEW.attempts >= NEW.max_attempts)
    EXECUTE FUNCTION mailq.move_to_dead_letters();
CREATE TRIGGER messages_notify AFTER INSERT ON mailq.messages
    FOR EACH STATEMENT EXECUTE FUNCTION mailq.notify_workers('mail_queue');
