-- Inventory sync with a marketplace: statement-level triggers with transition
-- tables feed a change queue, a BEFORE INSERT trigger fills SKUs from a
-- standalone sequence, a WHEN-filtered trigger, and an updated_at trigger on every table.
CREATE SEQUENCE sku_seq START WITH 100000;
CREATE SEQUENCE change_batch_seq;

CREATE TABLE products (
    product_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text UNIQUE,
    title       text NOT NULL,
    price       numeric(10,2) NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stock (
    product_id  bigint PRIMARY KEY REFERENCES products (product_id) ON DELETE CASCADE,
    on_hand     integer NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE change_queue (
    change_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch       bigint NOT NULL,
    product_id  bigint NOT NULL,
    kind        text NOT NULL,
    queued_at   timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE channel_listings (
    product_id  bigint NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
    channel     text NOT NULL,
    external_id text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, channel)
);

CREATE FUNCTION updated_at_now() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION assign_sku() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.sku IS NULL THEN NEW.sku := 'SKU' || nextval('sku_seq'); END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION queue_stock_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE b bigint := nextval('change_batch_seq');
BEGIN
  INSERT INTO change_queue (batch, product_id, kind)
  SELECT b, n.product_id, 'stock' FROM new_stock n
  LEFT JOIN old_stock o USING (product_id)
  WHERE o.on_hand IS DISTINCT FROM n.on_hand;
  RETURN NULL;
END $$;

CREATE FUNCTION queue_price_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_queue (batch, product_id, kind) VALUES (nextval('change_batch_seq'), NEW.product_id, 'price');
  RETURN NULL;
END $$;

CREATE TRIGGER products_updated_at BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION updated_at_now();
CREATE TRIGGER stock_updated_at BEFORE UPDATE ON stock FOR EACH ROW EXECUTE FUNCTION updated_at_now();
CREATE TRIGGER change_queue_updated_at BEFORE UPDATE ON change_queue FOR EACH ROW EXECUTE FUNCTION updated_at_now();
CREATE TRIGGER channel_listings_updated_at BEFORE UPDATE ON channel_listings FOR EACH ROW EXECUTE FUNCTION updated_at_now();
CREATE TRIGGER products_sku BEFORE INSERT ON products FOR EACH ROW EXECUTE FUNCTION assign_sku();
CREATE TRIGGER products_price_changed AFTER UPDATE OF price ON products
    FOR EACH ROW WHEN (OLD.price IS DISTINCT FROM NEW.price) EXECUTE FUNCTION queue_price_change();
CREATE TRIGGER stock_changes AFTER UPDATE ON stock
    REFERENCING OLD TABLE AS old_stock NEW TABLE AS new_stock
    FOR EACH STATEMENT EXECUTE FUNCTION queue_stock_changes();
