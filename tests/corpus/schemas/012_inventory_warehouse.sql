-- Warehouse inventory: human-readable document numbers come from standalone
-- sequences shared by several tables (not owned by any column); checks with casts,
-- arrays and regexes; a few constraints still NOT VALID after a legacy import.
CREATE SEQUENCE document_no_seq START WITH 100000 INCREMENT BY 1 CACHE 20;
CREATE SEQUENCE pallet_label_seq AS integer START WITH 1 MAXVALUE 99999999 CYCLE;

CREATE TABLE warehouses (
    code        char(4) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}[0-9]$'),
    name        text NOT NULL,
    address     text
);

CREATE TABLE bins (
    bin_id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warehouse   char(4) NOT NULL REFERENCES warehouses (code),
    aisle       smallint NOT NULL,
    shelf       smallint NOT NULL,
    label       text GENERATED ALWAYS AS (warehouse || '-' || aisle::text || '-' || shelf::text) STORED,
    UNIQUE (warehouse, aisle, shelf)
);

CREATE TABLE items (
    sku           varchar(32) PRIMARY KEY CHECK (sku ~* '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description   text NOT NULL,
    unit          text NOT NULL DEFAULT 'each',
    dims_cm       numeric[] CHECK (dims_cm IS NULL OR array_length(dims_cm, 1) = 3),
    hazmat_class  text,
    CONSTRAINT items_unit_check CHECK (unit = ANY (ARRAY['each'::text, 'box'::text, 'kg'::text, 'm'::text])),
    CONSTRAINT items_hazmat_check CHECK (hazmat_class::integer BETWEEN 1 AND 9) NOT VALID
);

CREATE TABLE goods_receipts (
    receipt_no  bigint PRIMARY KEY DEFAULT nextval('document_no_seq'),
    warehouse   char(4) NOT NULL REFERENCES warehouses (code),
    supplier    text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE receipt_lines (
    receipt_no  bigint NOT NULL REFERENCES goods_receipts (receipt_no) ON DELETE CASCADE,
    line_no     smallint NOT NULL,
    sku         varchar(32) NOT NULL,
    qty         numeric(12,3) NOT NULL CHECK (qty > 0::numeric),
    PRIMARY KEY (receipt_no, line_no),
    CONSTRAINT receipt_lines_sku_fkey FOREIGN KEY (sku) REFERENCES items (sku) NOT VALID
);

CREATE TABLE pick_lists (
    pick_no     bigint PRIMARY KEY DEFAULT nextval('document_no_seq'),
    warehouse   char(4) NOT NULL REFERENCES warehouses (code),
    created_at  timestamptz NOT NULL DEFAULT now(),
    priority    smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5)
);

CREATE TABLE pallets (
    label       integer PRIMARY KEY DEFAULT nextval('pallet_label_seq'::regclass),
    bin_id      integer REFERENCES bins (bin_id) ON DELETE SET NULL,
    weight_kg   real CHECK (weight_kg::numeric(8,1) <= 1500.0),
    contents    varchar(32)[] NOT NULL DEFAULT ARRAY[]::varchar(32)[],
    CONSTRAINT pallets_contents_check CHECK (array_position(contents, NULL) IS NULL)
);

CREATE TABLE stock_levels (
    warehouse   char(4) NOT NULL REFERENCES warehouses (code),
    sku         varchar(32) NOT NULL REFERENCES items (sku),
    on_hand     numeric(12,3) NOT NULL DEFAULT 0,
    reserved    numeric(12,3) NOT NULL DEFAULT 0,
    PRIMARY KEY (warehouse, sku),
    CONSTRAINT stock_levels_reserved_check CHECK (reserved <= on_hand) NOT VALID
);
