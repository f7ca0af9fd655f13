-- schema: pharmacy
-- Hospital pharmacy stock: constraints added NOT VALID while a backfill runs,
-- ICU collation for drug names, generated expiry flags.
CREATE SCHEMA pharmacy;

CREATE TABLE pharmacy.drugs (
    ndc          char(11) PRIMARY KEY CHECK (ndc ~ '^[0-9]{11}$'),
    generic_name text COLLATE "und-x-icu" NOT NULL,
    brand_name   text COLLATE "und-x-icu",
    schedule     smallint CHECK (schedule BETWEEN 1 AND 5),
    form         text NOT NULL
);
CREATE INDEX drugs_generic_idx ON pharmacy.drugs (generic_name);

CREATE TABLE pharmacy.suppliers (
    supplier_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL,
    dea_number   text
);

CREATE TABLE pharmacy.lots (
    lot_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ndc          char(11) NOT NULL,
    supplier_id  integer NOT NULL,
    lot_no       text NOT NULL,
    expires_on   date NOT NULL,
    received_on  date NOT NULL DEFAULT current_date,
    qty          integer NOT NULL,
    CONSTRAINT lots_ndc_fkey FOREIGN KEY (ndc) REFERENCES pharmacy.drugs (ndc) NOT VALID,
    CONSTRAINT lots_supplier_fkey FOREIGN KEY (supplier_id) REFERENCES pharmacy.suppliers (supplier_id),
    CONSTRAINT lots_qty_nonneg CHECK (qty >= 0) NOT VALID,
    CONSTRAINT lots_expiry_after_receipt CHECK (expires_on > received_on) NOT VALID
);

CREATE TABLE pharmacy.cabinets (
    cabinet_id   text PRIMARY KEY,
    ward         text NOT NULL,
    controlled   boolean NOT NULL DEFAULT false
);

CREATE TABLE pharmacy.cabinet_stock (
    cabinet_id   text NOT NULL REFERENCES pharmacy.cabinets (cabinet_id),
    lot_id       bigint NOT NULL REFERENCES pharmacy.lots (lot_id),
    qty          integer NOT NULL,
    par_level    integer NOT NULL DEFAULT 0,
    below_par    boolean GENERATED ALWAYS AS (qty < par_level) STORED,
    PRIMARY KEY (cabinet_id, lot_id),
    CONSTRAINT cabinet_stock_qty_check CHECK (qty >= 0)
);

CREATE TABLE pharmacy.dispenses (
    dispense_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cabinet_id   text NOT NULL,
    lot_id       bigint NOT NULL,
    patient_mrn  text NOT NULL,
    qty          integer NOT NULL CHECK (qty > 0),
    witness      text,
    dispensed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dispenses_stock_fkey FOREIGN KEY (cabinet_id, lot_id)
        REFERENCES pharmacy.cabinet_stock (cabinet_id, lot_id) NOT VALID
);
