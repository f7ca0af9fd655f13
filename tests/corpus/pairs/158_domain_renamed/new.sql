-- 158_domain_renamed: a domain is renamed (its columns follow it) and another gains a comment.
-- This file is the state after the change.
CREATE DOMAIN postal_code AS varchar(10) CONSTRAINT zip_code_not_blank CHECK (btrim(VALUE) <> '');
CREATE DOMAIN phone AS text;
COMMENT ON DOMAIN phone IS 'As the customer wrote it';

CREATE TABLE shops (
    shop_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    zip         postal_code NOT NULL,
    phone       phone
);
INSERT INTO shops (zip, phone) VALUES ('10115', '+49 30 1234'), ('75001', NULL);
