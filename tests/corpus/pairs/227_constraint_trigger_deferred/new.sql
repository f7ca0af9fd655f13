-- schema: stock
-- Stock moves are checked by a constraint trigger; the check is made
-- deferrable, initially deferred, so a transfer's two legs can be written
-- in any order, and a plain trigger becomes a constraint trigger.
CREATE SCHEMA stock;

CREATE TABLE stock.bins (
    bin_id   integer PRIMARY KEY,
    on_hand  integer NOT NULL DEFAULT 0
);

CREATE TABLE stock.moves (
    move_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bin_id   integer NOT NULL REFERENCES stock.bins (bin_id),
    quantity integer NOT NULL
);

CREATE FUNCTION stock.check_not_negative() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT on_hand FROM stock.bins WHERE bin_id = NEW.bin_id) < 0 THEN
    RAISE EXCEPTION 'bin % would go negative', NEW.bin_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER moves_not_negative AFTER INSERT OR UPDATE ON stock.moves
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION stock.check_not_negative();
CREATE CONSTRAINT TRIGGER bins_not_negative AFTER UPDATE OF on_hand ON stock.bins
    DEFERRABLE
    FOR EACH ROW EXECUTE FUNCTION stock.check_not_negative();
