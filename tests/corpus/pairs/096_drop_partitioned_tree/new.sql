-- 096_drop_partitioned_tree: a whole partitioned tree (with sub-partitions and a DEFAULT) is dropped along with a view on it.
-- This file is the state after the change.
CREATE TABLE dashboards (
    dashboard_id integer PRIMARY KEY,
    title        text NOT NULL
);
