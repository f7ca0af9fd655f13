-- 153_domain_check_changed: a domain check keeps its name but widens its range.
-- This file is the state after the change.
CREATE DOMAIN percentage AS numeric(5,2)
    CONSTRAINT percentage_range CHECK (VALUE BETWEEN -100 AND 100);

CREATE TABLE discounts (
    discount_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    rate        percentage NOT NULL
);
INSERT INTO discounts (code, rate) VALUES ('SPRING', 15), ('VIP', 30);
