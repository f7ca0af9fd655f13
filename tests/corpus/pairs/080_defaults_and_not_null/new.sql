-- 080_defaults_and_not_null: defaults are added, changed and dropped; NOT NULL is added to one column and dropped from another.
-- This file is the state after the change.
CREATE TABLE profiles (
    profile_id  bigint PRIMARY KEY,
    locale      text NOT NULL DEFAULT 'en-GB',
    timezone    text DEFAULT 'UTC',
    theme       text DEFAULT 'system',
    newsletter  boolean NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
