-- A catalogue replicated to regional read models: triggers fire only on the
-- origin, always (even when applying replicated rows), only on replicas, or
-- are switched off during a migration; arguments carry quotes and spaces.
CREATE TABLE products (
    product_id integer PRIMARY KEY,
    sku        text NOT NULL UNIQUE,
    title      text NOT NULL,
    price      numeric(10,2) NOT NULL,
    changed_by text
);

CREATE TABLE product_events (
    event_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL,
    kind       text NOT NULL,
    note       text,
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION record_product_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO product_events (product_id, kind, note)
  VALUES (coalesce(NEW.product_id, OLD.product_id), TG_ARGV[0], TG_ARGV[1]);
  RETURN NULL;
END
$$;

CREATE FUNCTION stamp_changed_by() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_by := current_user;
  RETURN NEW;
END
$$;

CREATE TRIGGER products_origin_event AFTER INSERT OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION record_product_event('origin', 'written here');
CREATE TRIGGER products_always_stamp BEFORE INSERT OR UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION stamp_changed_by();
CREATE TRIGGER products_replica_event AFTER UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION record_product_event('replica', 'applied from the origin''s stream');
CREATE TRIGGER products_paused_event AFTER UPDATE OF price ON products
    FOR EACH ROW WHEN (OLD.price IS DISTINCT FROM NEW.price)
    EXECUTE FUNCTION record_product_event('price', '');
ALTER TABLE products ENABLE ALWAYS TRIGGER products_always_stamp;
ALTER TABLE products ENABLE REPLICA TRIGGER products_replica_event;
ALTER TABLE products DISABLE TRIGGER products_paused_event;
