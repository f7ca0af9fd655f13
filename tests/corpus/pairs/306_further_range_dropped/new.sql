-- schema: gym
-- also: gym_types
-- 306_further_range_dropped: competitions stop being split by weight: the column (and its
-- GiST index) is dropped and then the range type of gym_types. The schema stays. State after.
CREATE SCHEMA gym;
CREATE SCHEMA gym_types;
CREATE TABLE gym.clubs (
  club_id uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE gym.competitions (
  competition_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  club_id uuid NOT NULL REFERENCES gym.clubs (club_id),
  title text NOT NULL,
  held_on date NOT NULL
);
CREATE TABLE gym_types.membership_tiers (
  tier text PRIMARY KEY,
  monthly_fee numeric(6, 2) NOT NULL
);
