-- 044_inherited_column_added: a column is added to an inheritance parent (and so to every child); a child gets a local one.
-- This file is the state after the change.
CREATE TABLE assets (
    asset_tag   text NOT NULL,
    purchased   date NOT NULL,
    location    text NOT NULL DEFAULT 'hq'
);

CREATE TABLE laptops (
    cpu         text NOT NULL,
    ram_gb      smallint,
    PRIMARY KEY (asset_tag)
) INHERITS (assets);

CREATE TABLE monitors (
    inches      numeric(4,1) NOT NULL,
    PRIMARY KEY (asset_tag)
) INHERITS (assets);
