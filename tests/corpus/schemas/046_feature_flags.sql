-- Feature-flag service: environments numbered from a shared standalone sequence,
-- NULLS NOT DISTINCT targeting rules, replica identity for the edge cache feed.
CREATE SEQUENCE environment_ids AS smallint START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE flag_revision_seq START WITH 1 CACHE 50;

CREATE TYPE flag_kind AS ENUM ('boolean', 'multivariate', 'kill_switch');

CREATE TABLE projects (
    project_key text PRIMARY KEY CHECK (project_key ~ '^[a-z][a-z0-9-]{1,39}$'),
    name        text NOT NULL
);

CREATE TABLE environments (
    env_id      smallint PRIMARY KEY DEFAULT nextval('environment_ids'),
    project_key text NOT NULL REFERENCES projects (project_key) ON DELETE CASCADE,
    name        text NOT NULL,
    sdk_key     uuid NOT NULL UNIQUE,
    UNIQUE (project_key, name)
);

CREATE TABLE flags (
    project_key text NOT NULL REFERENCES projects (project_key) ON DELETE CASCADE,
    flag_key    text NOT NULL,
    kind        flag_kind NOT NULL DEFAULT 'boolean',
    variations  jsonb NOT NULL DEFAULT '[true, false]',
    archived    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (project_key, flag_key)
);

CREATE TABLE flag_states (
    env_id      smallint NOT NULL REFERENCES environments (env_id) ON DELETE CASCADE,
    project_key text NOT NULL,
    flag_key    text NOT NULL,
    enabled     boolean NOT NULL DEFAULT false,
    revision    bigint NOT NULL DEFAULT nextval('flag_revision_seq'),
    PRIMARY KEY (env_id, flag_key),
    FOREIGN KEY (project_key, flag_key) REFERENCES flags (project_key, flag_key) ON DELETE CASCADE
);
ALTER TABLE flag_states REPLICA IDENTITY FULL;

CREATE TABLE targeting_rules (
    rule_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    env_id      smallint NOT NULL REFERENCES environments (env_id) ON DELETE CASCADE,
    flag_key    text NOT NULL,
    attribute   text,
    operator    text CHECK (operator IN ('in', 'not_in', 'starts_with', 'semver_gt')),
    rule_values text[],
    variation   smallint NOT NULL,
    priority    smallint NOT NULL,
    CONSTRAINT targeting_rules_unique_clause UNIQUE NULLS NOT DISTINCT (env_id, flag_key, attribute, operator),
    CONSTRAINT targeting_rules_priority UNIQUE (env_id, flag_key, priority)
);

CREATE TABLE audit_trail (
    entry_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    revision    bigint NOT NULL DEFAULT nextval('flag_revision_seq'),
    actor       text NOT NULL,
    change      jsonb NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
