-- Articles using PostgreSQL's own trigger functions from pg_catalog:
-- suppress_redundant_updates_trigger() and tsvector_update_trigger() with
-- its column and configuration arguments, beside one of the schema's own.
CREATE TABLE articles (
    article_id integer PRIMARY KEY,
    title      text NOT NULL,
    body       text NOT NULL,
    search     tsvector,
    revision   integer NOT NULL DEFAULT 1
);

CREATE FUNCTION bump_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.revision := OLD.revision + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION pg_catalog.tsvector_update_trigger('search', 'pg_catalog.english', 'title', 'body');
CREATE TRIGGER articles_skip_noop BEFORE UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION pg_catalog.suppress_redundant_updates_trigger();
CREATE TRIGGER articles_revision BEFORE UPDATE OF title, body ON articles
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION bump_revision();
