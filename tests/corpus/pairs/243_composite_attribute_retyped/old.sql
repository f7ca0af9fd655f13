-- 243_composite_attribute_retyped: a report row type returned by a function widens an integer total to bigint (no column stores the type).
-- This file is the state before the change.
CREATE TYPE sales_total AS (
    region text,
    orders integer,
    cents  integer
);

CREATE TABLE orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region      text NOT NULL,
    cents       integer NOT NULL
);

CREATE FUNCTION region_total(p_region text) RETURNS sales_total
    LANGUAGE sql STABLE
    AS $$ select row(p_region, count(*), coalesce(sum(cents), 0))::sales_total from orders where region = p_region $$;
