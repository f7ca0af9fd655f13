-- 161_domain_checks_reworked: a domain's checks are reworked: one renamed (drop + add), one added, one dropped.
-- This file is the state before the change.
CREATE DOMAIN username AS text
    CONSTRAINT username_chk CHECK (VALUE ~ '^[a-z0-9_]+$')
    CONSTRAINT username_short CHECK (char_length(VALUE) <= 16);

CREATE TABLE accounts (
    account_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login       username NOT NULL UNIQUE
);
INSERT INTO accounts (login) VALUES ('ana'), ('bo_2');
