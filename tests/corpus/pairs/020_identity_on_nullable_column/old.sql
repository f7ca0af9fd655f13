-- 020_identity_on_nullable_column: identity added to a column that was nullable (it must become NOT NULL first).
-- This file is the state before the change.
CREATE TABLE members (
    member_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legacy_no   integer,
    full_name   text NOT NULL
);
CREATE UNIQUE INDEX members_legacy_no_key ON members (legacy_no);
