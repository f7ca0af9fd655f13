-- schema: forum
-- Community forum: domains for handles and slugs, a composite type returned by
-- the thread-summary function, counters kept by triggers, an updated_at trigger
-- on every table, pg_stat_statements views in the schema.
CREATE SCHEMA forum;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA forum;
SET search_path = forum;

DO $$ BEGIN CREATE ROLE forum_web; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE DOMAIN handle AS text CHECK (VALUE ~ '^[a-z0-9_]{3,24}$');
CREATE DOMAIN slug AS text CHECK (VALUE ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
CREATE TYPE thread_summary AS (thread_id bigint, title text, replies integer, last_post_at timestamptz);

CREATE TABLE members (
    member_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle      handle NOT NULL UNIQUE,
    joined_at   timestamptz NOT NULL DEFAULT now(),
    post_count  integer NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE boards (
    board_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        slug NOT NULL UNIQUE,
    title       text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE threads (
    thread_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    board_id    integer NOT NULL REFERENCES boards (board_id),
    author_id   bigint NOT NULL REFERENCES members (member_id),
    title       text NOT NULL,
    reply_count integer NOT NULL DEFAULT 0,
    last_post_at timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE posts (
    post_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id   bigint NOT NULL REFERENCES threads (thread_id) ON DELETE CASCADE,
    author_id   bigint NOT NULL REFERENCES members (member_id),
    body        text NOT NULL,
    posted_at   timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION count_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE forum.threads SET reply_count = reply_count + 1, last_post_at = NEW.posted_at
  WHERE thread_id = NEW.thread_id;
  UPDATE forum.members SET post_count = post_count + 1 WHERE member_id = NEW.author_id;
  RETURN NEW;
END $$;

CREATE FUNCTION thread_summaries(p_board integer, p_limit integer DEFAULT 20)
RETURNS SETOF thread_summary LANGUAGE sql STABLE AS $$
  SELECT thread_id, title, reply_count, last_post_at FROM forum.threads
  WHERE board_id = p_board ORDER BY last_post_at DESC NULLS LAST LIMIT p_limit
$$;

CREATE TRIGGER members_touch BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER boards_touch BEFORE UPDATE ON boards FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER threads_touch BEFORE UPDATE ON threads FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER posts_count AFTER INSERT ON posts FOR EACH ROW EXECUTE FUNCTION count_post();

GRANT USAGE ON SCHEMA forum TO forum_web;
GRANT SELECT, INSERT, UPDATE ON members, boards, threads, posts TO forum_web;
GRANT USAGE ON TYPE thread_summary TO forum_web;
