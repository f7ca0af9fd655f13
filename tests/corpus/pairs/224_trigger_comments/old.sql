-- Triggers get documented: a comment is added, one reworded (with a quote), one removed.
CREATE TABLE customers (
    customer_id integer PRIMARY KEY,
    email       text NOT NULL UNIQUE,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    order_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (customer_id),
    status      text NOT NULL DEFAULT 'open',
    total       numeric(12,2) NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_log (
    log_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL,
    action   text NOT NULL,
    detail   text,
    at       timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO order_log (order_id, action, detail) VALUES (NEW.order_id, TG_OP, TG_ARGV[0]);
  RETURN NULL;
END
$$;

CREATE TRIGGER customers_updated_at BEFORE UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER orders_updated_at BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER orders_log AFTER INSERT ON orders
    FOR EACH ROW EXECUTE FUNCTION log_order('new');
COMMENT ON TRIGGER orders_updated_at ON orders IS 'Keeps updated_at current.';
COMMENT ON TRIGGER orders_log ON orders IS 'Audit trail for support.';
