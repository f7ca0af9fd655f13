-- Restaurant chain POS: orders by status (LIST) with a DEFAULT partition; closed
-- orders are further split by month; the partitions were named by hand.
CREATE TABLE restaurants (
    restaurant_id smallint PRIMARY KEY,
    name          text NOT NULL,
    city          text NOT NULL
);

CREATE TABLE menu_items (
    item_id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    restaurant_id smallint NOT NULL REFERENCES restaurants (restaurant_id),
    name          text NOT NULL,
    price         numeric(7,2) NOT NULL,
    available     boolean NOT NULL DEFAULT true
);

CREATE TABLE pos_orders (
    order_id      bigint NOT NULL,
    status        text NOT NULL,
    restaurant_id smallint NOT NULL REFERENCES restaurants (restaurant_id),
    opened_at     timestamp NOT NULL,
    closed_at     timestamp,
    table_no      smallint,
    total         numeric(9,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, status, opened_at)
) PARTITION BY LIST (status);
CREATE TABLE live_orders PARTITION OF pos_orders FOR VALUES IN ('open', 'kitchen', 'served');
CREATE TABLE closed_orders PARTITION OF pos_orders FOR VALUES IN ('paid', 'comped')
    PARTITION BY RANGE (opened_at);
CREATE TABLE closed_2025_01 PARTITION OF closed_orders FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE closed_2025_02 PARTITION OF closed_orders FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE closed_archive PARTITION OF closed_orders DEFAULT;
CREATE TABLE odd_orders PARTITION OF pos_orders DEFAULT;
CREATE INDEX pos_orders_restaurant_idx ON pos_orders (restaurant_id, opened_at);
CREATE INDEX live_orders_table_idx ON live_orders (restaurant_id, table_no);

CREATE TABLE order_items (
    order_id   bigint NOT NULL,
    line_no    smallint NOT NULL,
    item_id    integer NOT NULL REFERENCES menu_items (item_id),
    qty        smallint NOT NULL DEFAULT 1,
    notes      text,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE shifts (
    shift_id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    restaurant_id smallint NOT NULL REFERENCES restaurants (restaurant_id),
    staff_name    text NOT NULL,
    starts_at     timestamp NOT NULL,
    ends_at       timestamp NOT NULL
);
