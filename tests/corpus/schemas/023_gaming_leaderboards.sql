-- Mobile game backend: player progress hash-partitioned by player; a unique key
-- on one shard only (legacy nickname reservation for the launch cohort).
CREATE TABLE players (
    player_id    bigserial PRIMARY KEY,
    nickname     text NOT NULL,
    country      char(2),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE seasons (
    season_id    smallserial PRIMARY KEY,
    name         text NOT NULL,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL
);

CREATE TABLE progress (
    player_id    bigint NOT NULL,
    level        integer NOT NULL DEFAULT 1,
    xp           bigint NOT NULL DEFAULT 0,
    coins        bigint NOT NULL DEFAULT 0 CHECK (coins >= 0),
    nickname     text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (player_id)
) PARTITION BY HASH (player_id);
CREATE TABLE progress_shard_a PARTITION OF progress FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE progress_shard_b PARTITION OF progress FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE progress_shard_c PARTITION OF progress FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE progress_shard_d PARTITION OF progress FOR VALUES WITH (MODULUS 4, REMAINDER 3);
ALTER TABLE progress_shard_a ADD CONSTRAINT progress_shard_a_nickname_key UNIQUE (nickname);
CREATE INDEX progress_shard_c_level_idx ON progress_shard_c (level DESC, xp DESC);

CREATE TABLE scores (
    season_id    smallint NOT NULL REFERENCES seasons (season_id),
    player_id    bigint NOT NULL,
    board        text NOT NULL DEFAULT 'global',
    score        bigint NOT NULL,
    achieved_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (season_id, board, player_id)
) PARTITION BY LIST (season_id);
CREATE TABLE scores_s1 PARTITION OF scores FOR VALUES IN (1);
CREATE TABLE scores_s2 PARTITION OF scores FOR VALUES IN (2);
CREATE TABLE scores_s3 PARTITION OF scores FOR VALUES IN (3);
CREATE INDEX scores_rank_idx ON scores (season_id, board, score DESC NULLS LAST);

CREATE TABLE purchases (
    purchase_id  bigserial PRIMARY KEY,
    player_id    bigint NOT NULL REFERENCES players (player_id),
    store        text NOT NULL CHECK (store IN ('apple', 'google', 'web')),
    receipt      text NOT NULL UNIQUE,
    amount_usd   numeric(8,2) NOT NULL,
    bought_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE friendships (
    player_id    bigint NOT NULL REFERENCES players (player_id) ON DELETE CASCADE,
    friend_id    bigint NOT NULL REFERENCES players (player_id) ON DELETE CASCADE,
    since        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (player_id, friend_id),
    CHECK (player_id < friend_id)
);
