-- HR contact points: e-mail and phone domains with comments, a domain-typed
-- column with its own default overriding the domain's, and an index on a domain column.
CREATE DOMAIN email AS text CONSTRAINT email_has_at CHECK (position('@' IN VALUE) > 1);
COMMENT ON DOMAIN email IS 'Lower-case e-mail address';
CREATE DOMAIN phone AS varchar(24) CONSTRAINT phone_chars CHECK (VALUE ~ '^[0-9+() -]+$');
CREATE DOMAIN priority AS smallint DEFAULT 5 CONSTRAINT priority_range CHECK (VALUE BETWEEN 1 AND 9);

CREATE TABLE staff (
    staff_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    work_email  email NOT NULL UNIQUE
);

CREATE TABLE contact_points (
    point_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id    integer NOT NULL REFERENCES staff (staff_id) ON DELETE CASCADE,
    email       email,
    phone       phone,
    rank        priority NOT NULL DEFAULT 1,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX contact_points_phone_idx ON contact_points (phone) WHERE phone IS NOT NULL;

CREATE TABLE escalation_rules (
    rule_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rank        priority NOT NULL,
    notify      email[] NOT NULL
);

CREATE TABLE emergency_contacts (
    staff_id    integer PRIMARY KEY REFERENCES staff (staff_id),
    phone       phone NOT NULL,
    relation    text
);
