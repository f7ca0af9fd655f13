-- Inventory reservations in PL/pgSQL: functions raising errors, returning
-- composite rows of a table, using RETURN QUERY and named OUT arguments, and
-- a procedure with INOUT.
CREATE TABLE warehouses (
    warehouse_id integer PRIMARY KEY,
    name         text NOT NULL
);

CREATE TABLE stock (
    warehouse_id integer NOT NULL REFERENCES warehouses (warehouse_id),
    sku          text NOT NULL,
    on_hand      integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved     integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    PRIMARY KEY (warehouse_id, sku)
);

CREATE FUNCTION reserve(p_warehouse integer, p_sku text, p_qty integer) RETURNS stock
LANGUAGE plpgsql AS $$
DECLARE s stock;
BEGIN
  UPDATE stock SET reserved = reserved + p_qty
   WHERE warehouse_id = p_warehouse AND sku = p_sku AND on_hand - reserved >= p_qty
  RETURNING * INTO s;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'not enough % in warehouse %', p_sku, p_warehouse USING ERRCODE = 'check_violation';
  END IF;
  RETURN s;
END
$$;

CREATE FUNCTION availability(p_sku text)
RETURNS TABLE(warehouse_id integer, available integer)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY SELECT s.warehouse_id, s.on_hand - s.reserved FROM stock s WHERE s.sku = p_sku;
END
$$;

CREATE FUNCTION stock_totals(OUT skus bigint, OUT units bigint)
LANGUAGE sql STABLE AS $$SELECT count(DISTINCT sku), coalesce(sum(on_hand), 0) FROM stock$$;

CREATE PROCEDURE release_all(IN p_warehouse integer, INOUT p_released integer DEFAULT 0)
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stock SET reserved = 0 WHERE warehouse_id = p_warehouse AND reserved > 0;
  GET DIAGNOSTICS p_released = ROW_COUNT;
END
$$;
