-- 248_range_type_dropped: a version range type is retired with its columns, its multirange column and the function measuring it.
-- This file is the state after the change.
CREATE TABLE packages (
    package_id  integer PRIMARY KEY,
    name        text NOT NULL UNIQUE
);
