-- schema: tools
-- PUBLIC's EXECUTE and USAGE revoked database-wide before the routines and
-- types were created.
CREATE SCHEMA tools;

DO $$ BEGIN CREATE ROLE tools_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE USAGE ON TYPES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO tools_user;

CREATE TYPE tools.level AS ENUM ('low', 'mid', 'high');

CREATE TABLE tools.jobs (
    job_id   bigint PRIMARY KEY,
    level    tools.level NOT NULL DEFAULT 'low',
    payload  jsonb NOT NULL DEFAULT '{}'
);

CREATE FUNCTION tools.slugify(p text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT lower(regexp_replace(p, '[^a-zA-Z0-9]+', '-', 'g')) $$;

CREATE FUNCTION tools.job_count() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT count(*) FROM tools.jobs $$;
