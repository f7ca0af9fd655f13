-- 074_fk_cycle_new_tables: two new tables reference each other (team owner / member team): a foreign-key cycle.
-- This file is the state before the change.
CREATE TABLE organizations (
    org_id      integer PRIMARY KEY,
    name        text NOT NULL
);
