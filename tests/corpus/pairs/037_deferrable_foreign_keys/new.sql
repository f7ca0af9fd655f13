-- 037_deferrable_foreign_keys: foreign keys: one becomes deferrable for a bulk loader, one stops being deferrable.
-- This file is the state after the change.
CREATE TABLE categories (
    category_id integer PRIMARY KEY,
    parent_id   integer,
    name        text NOT NULL,
    CONSTRAINT categories_parent_fkey FOREIGN KEY (parent_id) REFERENCES categories (category_id)
);

CREATE TABLE items (
    item_id     integer PRIMARY KEY,
    category_id integer NOT NULL,
    name        text NOT NULL,
    CONSTRAINT items_category_fkey FOREIGN KEY (category_id) REFERENCES categories (category_id)
        DEFERRABLE INITIALLY DEFERRED
);
