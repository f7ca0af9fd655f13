-- CMS with slug and locale domains: a locale domain with collation "C", a slug
-- domain used in unique keys, a views reading domain columns.
CREATE DOMAIN slug AS text CONSTRAINT slug_shape CHECK (VALUE ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
CREATE DOMAIN locale_tag AS varchar(10) COLLATE "C" CONSTRAINT locale_tag_shape CHECK (VALUE ~ '^[a-z]{2}(-[A-Z]{2})?$');
CREATE DOMAIN word_count AS integer DEFAULT 0 NOT NULL CONSTRAINT word_count_nonnegative CHECK (VALUE >= 0);

CREATE TABLE sections (
    section_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        slug NOT NULL UNIQUE,
    title       text NOT NULL
);

CREATE TABLE articles (
    article_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    section_id  integer NOT NULL REFERENCES sections (section_id),
    slug        slug NOT NULL,
    locale      locale_tag NOT NULL DEFAULT 'en',
    words       word_count,
    published   boolean NOT NULL DEFAULT false,
    UNIQUE (section_id, slug, locale)
);

CREATE TABLE translations (
    article_id  bigint NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    locale      locale_tag NOT NULL,
    title       text NOT NULL,
    PRIMARY KEY (article_id, locale)
);

CREATE VIEW published_articles AS
    SELECT a.article_id, s.slug AS section, a.slug, a.locale, a.words
      FROM articles a JOIN sections s USING (section_id)
     WHERE a.published;
