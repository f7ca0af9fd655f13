-- Social app: posts partitioned by month (explicit bounds), a reactions table that
-- only has its DEFAULT partition so far, a direct-messages table prepared for
-- partitioning by conversation hash with no partitions yet, trigram search on handles.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE accounts (
    account_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle       text NOT NULL UNIQUE CHECK (handle ~ '^[A-Za-z0-9_]{3,30}$'),
    display_name text,
    private      boolean NOT NULL DEFAULT false,
    joined_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_handle_trgm ON accounts USING gin (handle gin_trgm_ops);

CREATE TABLE follows (
    follower_id  bigint NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    followee_id  bigint NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee_idx ON follows (followee_id);

CREATE TABLE posts (
    post_id      bigint NOT NULL,
    author_id    bigint NOT NULL REFERENCES accounts (account_id),
    created_at   timestamptz NOT NULL,
    body         text NOT NULL CHECK (length(body) <= 500),
    reply_to     bigint,
    PRIMARY KEY (post_id, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE posts_2025_01 PARTITION OF posts FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2025-02-01 00:00+00');
CREATE TABLE posts_2025_02 PARTITION OF posts FOR VALUES FROM ('2025-02-01 00:00+00') TO ('2025-03-01 00:00+00');
CREATE TABLE posts_2025_03 PARTITION OF posts FOR VALUES FROM ('2025-03-01 00:00+00') TO ('2025-04-01 00:00+00');
CREATE INDEX posts_author_idx ON posts (author_id, created_at DESC);

CREATE TABLE reactions (
    post_id      bigint NOT NULL,
    account_id   bigint NOT NULL,
    emoji        text NOT NULL,
    reacted_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, account_id, emoji)
) PARTITION BY HASH (post_id);
CREATE TABLE reactions_all PARTITION OF reactions FOR VALUES WITH (MODULUS 1, REMAINDER 0);

CREATE TABLE notifications (
    account_id   bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    kind         text NOT NULL,
    payload      jsonb,
    read         boolean NOT NULL DEFAULT false
) PARTITION BY RANGE (created_at);
CREATE TABLE notifications_default PARTITION OF notifications DEFAULT;

CREATE TABLE direct_messages (
    conversation_id uuid NOT NULL,
    message_id      bigint NOT NULL,
    sender_id       bigint NOT NULL,
    sent_at         timestamptz NOT NULL,
    body            text NOT NULL,
    PRIMARY KEY (conversation_id, message_id)
) PARTITION BY HASH (conversation_id);
COMMENT ON TABLE direct_messages IS 'Partitions are created when DMs launch.';
