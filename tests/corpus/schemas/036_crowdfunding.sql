-- Crowdfunding: pledges hash-partitioned by project; stretch-goal rewards of the
-- flagship campaign reference that campaign's partition directly.
CREATE TABLE creators (
    creator_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    country     char(2) NOT NULL
);

CREATE TABLE projects (
    project_id  bigint NOT NULL,
    creator_id  bigint NOT NULL REFERENCES creators (creator_id),
    category    text NOT NULL,
    title       text NOT NULL,
    goal_cents  bigint NOT NULL CHECK (goal_cents > 0),
    deadline    timestamptz NOT NULL,
    PRIMARY KEY (project_id, category)
) PARTITION BY LIST (category);
CREATE TABLE projects_games PARTITION OF projects FOR VALUES IN ('games', 'tabletop');
CREATE TABLE projects_tech PARTITION OF projects FOR VALUES IN ('tech', 'hardware');
CREATE TABLE projects_arts PARTITION OF projects FOR VALUES IN ('art', 'music', 'film', 'publishing');
CREATE TABLE projects_other PARTITION OF projects DEFAULT;

CREATE TABLE backers (
    backer_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text NOT NULL UNIQUE
);

CREATE TABLE pledges (
    project_id  bigint NOT NULL,
    category    text NOT NULL,
    backer_id   bigint NOT NULL REFERENCES backers (backer_id),
    amount_cents bigint NOT NULL CHECK (amount_cents >= 100),
    pledged_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, backer_id),
    FOREIGN KEY (project_id, category) REFERENCES projects (project_id, category)
) PARTITION BY HASH (project_id);
CREATE TABLE pledges_h0 PARTITION OF pledges FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE pledges_h1 PARTITION OF pledges FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE pledges_h2 PARTITION OF pledges FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE pledges_h3 PARTITION OF pledges FOR VALUES WITH (MODULUS 4, REMAINDER 3);

CREATE TABLE game_stretch_goals (
    goal_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  bigint NOT NULL,
    category    text NOT NULL DEFAULT 'games',
    unlock_cents bigint NOT NULL,
    reward      text NOT NULL,
    CONSTRAINT game_stretch_goals_project_fkey FOREIGN KEY (project_id, category)
        REFERENCES projects_games (project_id, category) ON DELETE CASCADE
);

CREATE TABLE updates (
    update_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  bigint NOT NULL,
    category    text NOT NULL,
    posted_at   timestamptz NOT NULL DEFAULT now(),
    body        text NOT NULL,
    FOREIGN KEY (project_id, category) REFERENCES projects (project_id, category) ON DELETE CASCADE
);
