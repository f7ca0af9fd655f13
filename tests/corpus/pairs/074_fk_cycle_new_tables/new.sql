-- 074_fk_cycle_new_tables: two new tables reference each other (team owner / member team): a foreign-key cycle.
-- This file is the state after the change.
CREATE TABLE organizations (
    org_id      integer PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE teams (
    team_id     integer PRIMARY KEY,
    org_id      integer NOT NULL REFERENCES organizations (org_id),
    name        text NOT NULL,
    owner_id    integer
);

CREATE TABLE members (
    member_id   integer PRIMARY KEY,
    team_id     integer NOT NULL REFERENCES teams (team_id) DEFERRABLE INITIALLY DEFERRED,
    email       text NOT NULL UNIQUE
);

ALTER TABLE teams ADD CONSTRAINT teams_owner_fkey FOREIGN KEY (owner_id) REFERENCES members (member_id)
    ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
