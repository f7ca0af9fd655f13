-- 158_domain_renamed: a domain is renamed (its columns follow it) and another gains a comment.
-- This file is the state before the change.
CREATE DOMAIN zip_code AS varchar(10) CONSTRAINT zip_code_not_blank CHECK (btrim(VALUE) <> '');
CREATE DOMAIN phone AS text;

CREATE TABLE shops (
    shop_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    zip         zip_code NOT NULL,
    phone       phone
);
INSERT INTO shops (zip, phone) VALUES ('10115', '+49 30 1234'), ('75001', NULL);
