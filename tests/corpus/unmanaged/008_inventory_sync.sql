-- Inventory sync with a marketplace: statement-level triggers with transition
-- tables feed a change queue, a BEFORE INSERT trigger fills SKUs from a
-- standalone sequence, a WHEN-filtered trigger, an updated_at trigger on every table,
-- and an INSTEAD OF trigger making a stock view updatable for the channel sync.
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

CREATE VIEW channel_stock AS
    SELECT l.channel, l.external_id, s.product_id, s.on_hand
      FROM channel_listings l JOIN stock s ON s.product_id = l.product_id;

CREATE FUNCTION channel_stock_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stock SET on_hand = NEW.on_hand WHERE product_id = OLD.product_id;
  RETURN NEW;
END $$;

CREATE TRIGGER channel_stock_update INSTEAD OF UPDATE ON channel_stock
    FOR EACH ROW EXECUTE FUNCTION channel_stock_update();

-- Still unmanaged: a rule keeps queued changes from being deleted by hand.
CREATE RULE change_queue_keep AS ON DELETE TO change_queue DO INSTEAD NOTHING;
