-- schema: gym
-- also: gym_types
-- 306_further_range_dropped: a weight-class range type in gym_types. State before.
CREATE SCHEMA gym;
CREATE SCHEMA gym_types;
CREATE TYPE gym_types.weight_class AS RANGE (subtype = numeric);
COMMENT ON TYPE gym_types.weight_class IS 'Body-weight band in kg';
CREATE TABLE gym.clubs (
  club_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE gym.competitions (
  competition_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  club_id uuid NOT NULL REFERENCES gym.clubs (club_id),
  title text NOT NULL,
  held_on date NOT NULL,
  weight_class gym_types.weight_class
);
CREATE INDEX competitions_weight_class_idx ON gym.competitions USING gist (weight_class);
CREATE TABLE gym_types.membership_tiers (
  tier text PRIMARY KEY,
  monthly_fee numeric(6, 2) NOT NULL
);
