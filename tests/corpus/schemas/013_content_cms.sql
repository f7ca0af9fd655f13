-- Headless CMS: editors write through views with CHECK OPTION (LOCAL and
-- CASCADED), a security_invoker view for the preview service, trigram search,
-- hstore for legacy per-page metadata.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS hstore;

CREATE TABLE sites (
    site_id   integer PRIMARY KEY,
    hostname  text NOT NULL UNIQUE,
    locale    text NOT NULL DEFAULT 'en'
);

CREATE TABLE authors (
    author_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id   integer NOT NULL REFERENCES sites (site_id),
    name      text NOT NULL,
    bio       text
);

CREATE TABLE pages (
    page_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id      integer NOT NULL REFERENCES sites (site_id),
    author_id    integer REFERENCES authors (author_id) ON DELETE SET NULL,
    slug         text NOT NULL CHECK (slug ~ '^[a-z0-9/-]+$'),
    title        text NOT NULL,
    body         text NOT NULL DEFAULT '',
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'published', 'archived')),
    meta         hstore,
    published_at timestamptz,
    UNIQUE (site_id, slug)
);
CREATE INDEX pages_title_trgm ON pages USING gin (title gin_trgm_ops);
CREATE INDEX pages_body_trgm ON pages USING gist (body gist_trgm_ops);
CREATE INDEX pages_meta_idx ON pages USING gin (meta);

CREATE TABLE page_revisions (
    revision_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id      bigint NOT NULL REFERENCES pages (page_id) ON DELETE CASCADE,
    body         text NOT NULL,
    saved_by     integer REFERENCES authors (author_id),
    saved_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE media (
    media_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id    integer NOT NULL REFERENCES sites (site_id),
    url        text NOT NULL,
    mime_type  text NOT NULL CHECK (mime_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
    alt_text   text
);

CREATE VIEW draft_pages AS
    SELECT page_id, site_id, author_id, slug, title, body, status
    FROM pages WHERE status IN ('draft', 'review')
    WITH LOCAL CHECK OPTION;

CREATE VIEW review_queue AS
    SELECT page_id, site_id, author_id, slug, title, body, status
    FROM draft_pages WHERE status = 'review'
    WITH CASCADED CHECK OPTION;

CREATE VIEW published_pages WITH (security_invoker = true) AS
    SELECT p.page_id, s.hostname, p.slug, p.title, p.body, p.published_at, a.name AS author
    FROM pages p JOIN sites s USING (site_id) LEFT JOIN authors a USING (author_id)
    WHERE p.status = 'published';
COMMENT ON VIEW published_pages IS 'Read by the preview service with its own privileges.';
COMMENT ON COLUMN published_pages.author IS 'Display name, NULL when the author was removed.';
