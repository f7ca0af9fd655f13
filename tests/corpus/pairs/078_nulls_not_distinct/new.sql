-- 078_nulls_not_distinct: unique keys switch to NULLS NOT DISTINCT (and one back).
-- This file is the state after the change.
CREATE TABLE discount_codes (
    code        text NOT NULL,
    campaign    text,
    channel     text,
    CONSTRAINT discount_codes_unique UNIQUE NULLS NOT DISTINCT (code, campaign)
);
CREATE UNIQUE INDEX discount_codes_channel_key ON discount_codes (code, channel);
