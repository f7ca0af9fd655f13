-- schema: catalog
-- A product catalogue whose functions belong to a dedicated owner role, as
-- the migrations create them in production; the search role may grant
-- EXECUTE on to the roles it serves.
CREATE SCHEMA catalog;
SET search_path = catalog;

DO $$ BEGIN CREATE ROLE catalog_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE catalog_search; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE catalog_admin; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TABLE products (
    product_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku        text NOT NULL UNIQUE,
    title      text NOT NULL,
    price      numeric(10, 2) NOT NULL CHECK (price >= 0),
    archived   boolean NOT NULL DEFAULT false
);

CREATE TABLE product_tags (
    product_id bigint NOT NULL REFERENCES products (product_id),
    tag        text NOT NULL,
    PRIMARY KEY (product_id, tag)
);

CREATE FUNCTION normalize_sku(p_sku text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$SELECT upper(trim(p_sku))$$;

CREATE FUNCTION search_products(p_term text, p_limit integer DEFAULT 20)
RETURNS SETOF catalog.products
LANGUAGE sql STABLE AS $$
  SELECT * FROM catalog.products
  WHERE NOT archived AND title ILIKE '%' || p_term || '%'
  ORDER BY title LIMIT p_limit
$$;

CREATE FUNCTION tag_count(p_product bigint) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer FROM catalog.product_tags WHERE product_id = p_product
$$;

CREATE PROCEDURE archive_product(p_product bigint)
LANGUAGE sql AS $$
  UPDATE catalog.products SET archived = true WHERE product_id = p_product
$$;

ALTER FUNCTION normalize_sku(text) OWNER TO catalog_owner;
ALTER FUNCTION search_products(text, integer) OWNER TO catalog_owner;
ALTER FUNCTION tag_count(bigint) OWNER TO catalog_owner;
ALTER PROCEDURE archive_product(bigint) OWNER TO catalog_owner;

REVOKE EXECUTE ON FUNCTION search_products(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_products(text, integer) TO catalog_search WITH GRANT OPTION;
GRANT EXECUTE ON FUNCTION tag_count(bigint) TO catalog_search;
REVOKE EXECUTE ON PROCEDURE archive_product(bigint) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE archive_product(bigint) TO catalog_admin;
