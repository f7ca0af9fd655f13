-- schema: quotes
-- Pricing routines callable only by the API and sales roles.
CREATE SCHEMA quotes;
SET search_path = quotes;

DO $$ BEGIN CREATE ROLE quotes_api; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE quotes_sales; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE price_lists (
    price_list_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL UNIQUE,
    currency      char(3) NOT NULL
);

CREATE TABLE price_items (
    price_list_id bigint NOT NULL REFERENCES price_lists (price_list_id),
    sku           text NOT NULL,
    unit_price    numeric(12, 2) NOT NULL,
    PRIMARY KEY (price_list_id, sku)
);

CREATE TABLE quotes (
    quote_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    price_list_id bigint NOT NULL REFERENCES price_lists (price_list_id),
    customer      text NOT NULL,
    discount_pct  numeric(5, 2) NOT NULL DEFAULT 0
);

CREATE FUNCTION unit_price(p_list bigint, p_sku text) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT unit_price FROM quotes.price_items WHERE price_list_id = p_list AND sku = p_sku
$$;

CREATE FUNCTION discounted(p_amount numeric, p_pct numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT AS $$SELECT round(p_amount * (1 - p_pct / 100), 2)$$;

CREATE PROCEDURE reprice(p_list bigint, p_pct numeric)
LANGUAGE sql AS $$
  UPDATE quotes.price_items SET unit_price = round(unit_price * (1 + p_pct / 100), 2)
  WHERE price_list_id = p_list
$$;

REVOKE EXECUTE ON FUNCTION unit_price(bigint, text) FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE reprice(bigint, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION unit_price(bigint, text) TO quotes_api, quotes_sales;
GRANT EXECUTE ON PROCEDURE reprice(bigint, numeric) TO quotes_sales;
GRANT SELECT ON price_lists TO quotes_api;
