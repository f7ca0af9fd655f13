-- schema: catalog
-- The catalogue's listings view, before it is writable.
CREATE SCHEMA catalog;

CREATE TABLE catalog.categories (
    category_id integer PRIMARY KEY,
    title       text NOT NULL UNIQUE
);

CREATE TABLE catalog.products (
    product_id bigint PRIMARY KEY,
    category_id integer REFERENCES catalog.categories (category_id),
    name       text NOT NULL,
    archived   boolean NOT NULL DEFAULT false
);

CREATE TABLE catalog.prices (
    product_id bigint PRIMARY KEY REFERENCES catalog.products (product_id) ON DELETE CASCADE,
    cents      integer NOT NULL CHECK (cents >= 0)
);

CREATE TABLE catalog.edit_log (
    edit_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edited_at timestamptz NOT NULL DEFAULT now(),
    what      text NOT NULL
);

CREATE FUNCTION catalog.listing_write() RETURNS trigger LANGUAGE plpgsql AS $$
begin
    if tg_op = 'INSERT' then
        insert into catalog.products (product_id, name) values (new.product_id, new.name);
        insert into catalog.prices (product_id, cents) values (new.product_id, new.cents);
        return new;
    elsif tg_op = 'UPDATE' then
        update catalog.products set name = new.name where product_id = old.product_id;
        update catalog.prices set cents = new.cents where product_id = old.product_id;
        return new;
    else
        update catalog.products set archived = true where product_id = old.product_id;
        return old;
    end if;
end
$$;

CREATE FUNCTION catalog.log_edit() RETURNS trigger LANGUAGE plpgsql AS $$
begin
    insert into catalog.edit_log (what) values (tg_table_name || ' ' || lower(tg_op));
    return null;
end
$$;

CREATE VIEW catalog.listings AS
    SELECT p.product_id, p.name, c.cents
    FROM catalog.products p JOIN catalog.prices c USING (product_id)
    WHERE NOT p.archived;

CREATE VIEW catalog."Archived Products" AS
    SELECT product_id, name FROM catalog.products WHERE archived;

