-- 079_index_shape_changes: indexes keep their names but change shape: opclass, INCLUDE, sort order, predicate, method.
-- This file is the state after the change.
CREATE TABLE articles (
    article_id  bigint PRIMARY KEY,
    slug        text NOT NULL,
    title       text NOT NULL,
    tags        text[] NOT NULL DEFAULT '{}',
    meta        jsonb,
    published   timestamptz
);
CREATE INDEX articles_slug_idx ON articles (slug text_pattern_ops);
CREATE INDEX articles_published_idx ON articles (published DESC NULLS LAST) INCLUDE (title) WHERE published IS NOT NULL;
CREATE INDEX articles_meta_idx ON articles USING gin (meta jsonb_path_ops);
CREATE INDEX articles_title_idx ON articles USING hash (title);
