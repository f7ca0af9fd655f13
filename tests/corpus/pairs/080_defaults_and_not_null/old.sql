-- 080_defaults_and_not_null: defaults are added, changed and dropped; NOT NULL is added to one column and dropped from another.
-- This file is the state before the change.
CREATE TABLE profiles (
    profile_id  bigint PRIMARY KEY,
    locale      text DEFAULT 'en',
    timezone    text NOT NULL DEFAULT 'UTC',
    theme       text,
    newsletter  boolean NOT NULL DEFAULT true,
    created_at  timestamptz DEFAULT now()
);
