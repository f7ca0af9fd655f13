-- 246_domain_base_type_widened: a quantity domain outgrows integer and is rebuilt over bigint while two tables store it.
-- This file is the state after the change.
CREATE DOMAIN quantity AS bigint
    CONSTRAINT quantity_nonnegative CHECK (VALUE >= 0);

CREATE TABLE stock_levels (
    sku         text PRIMARY KEY,
    on_hand     quantity NOT NULL DEFAULT 0,
    reserved    quantity
);
CREATE INDEX stock_levels_on_hand_idx ON stock_levels (on_hand);

CREATE TABLE shipments (
    shipment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text NOT NULL REFERENCES stock_levels (sku),
    units       quantity NOT NULL,
    batches     quantity[]
);
INSERT INTO stock_levels VALUES ('AB-1', 120, 4), ('CD-2', 0, NULL);
INSERT INTO shipments (sku, units, batches) VALUES ('AB-1', 40, '{20,20}');
