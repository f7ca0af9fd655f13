-- schema: retail
-- also: retail_shared
-- 307_domain_moved_to_first_schema: a SKU domain in retail_shared, used by both schemas.
-- State before.
CREATE SCHEMA retail;
CREATE SCHEMA retail_shared;
CREATE DOMAIN retail_shared.sku AS text COLLATE "C"
  CONSTRAINT sku_shape CHECK (VALUE ~ '^[A-Z0-9]{3}-[A-Z0-9]{4,8}$');
COMMENT ON DOMAIN retail_shared.sku IS 'Stock-keeping unit, family code then item';
CREATE TABLE retail.stores (
  store_id integer PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE retail.products (
  sku retail_shared.sku PRIMARY KEY,
  title text NOT NULL
);
CREATE TABLE retail.stock_levels (
  store_id integer NOT NULL REFERENCES retail.stores (store_id),
  sku retail_shared.sku NOT NULL REFERENCES retail.products (sku),
  on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  PRIMARY KEY (store_id, sku)
);
CREATE TABLE retail_shared.supplier_catalogue (
  supplier_code text NOT NULL,
  supplier_sku text NOT NULL,
  our_sku retail_shared.sku,
  PRIMARY KEY (supplier_code, supplier_sku)
);
