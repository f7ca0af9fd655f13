-- Public library circulation: serial keys, every referential action in use
-- (RESTRICT, NO ACTION, CASCADE, SET DEFAULT, SET NULL), a deferrable
-- initially-deferred self reference for series.
CREATE TABLE branches (
    branch_id   serial PRIMARY KEY,
    name        varchar(100) NOT NULL
);
INSERT INTO branches (branch_id, name) VALUES (1, 'Central');

CREATE TABLE patrons (
    patron_id   serial PRIMARY KEY,
    card_no     varchar(14) NOT NULL UNIQUE,
    home_branch integer NOT NULL DEFAULT 1 REFERENCES branches (branch_id) ON DELETE SET DEFAULT,
    name        varchar(200) NOT NULL,
    blocked     boolean NOT NULL DEFAULT false
);

CREATE TABLE titles (
    title_id    serial PRIMARY KEY,
    isbn13      char(13) UNIQUE CHECK (isbn13 ~ '^97[89][0-9]{10}$'),
    title       varchar(500) NOT NULL,
    series_of   integer,
    series_pos  smallint,
    CONSTRAINT titles_series_fk FOREIGN KEY (series_of) REFERENCES titles (title_id)
        ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE copies (
    copy_id     serial PRIMARY KEY,
    title_id    integer NOT NULL REFERENCES titles (title_id) ON DELETE RESTRICT,
    branch_id   integer NOT NULL REFERENCES branches (branch_id) ON DELETE NO ACTION,
    barcode     varchar(20) NOT NULL UNIQUE,
    withdrawn   boolean NOT NULL DEFAULT false
);

CREATE TABLE loans (
    loan_id     serial PRIMARY KEY,
    copy_id     integer NOT NULL REFERENCES copies (copy_id) ON UPDATE RESTRICT,
    patron_id   integer NOT NULL REFERENCES patrons (patron_id) ON DELETE CASCADE,
    loaned_on   date NOT NULL DEFAULT current_date,
    due_on      date NOT NULL,
    returned_on date
);
CREATE UNIQUE INDEX loans_copy_out_idx ON loans (copy_id) WHERE returned_on IS NULL;

CREATE TABLE holds (
    hold_id     serial PRIMARY KEY,
    title_id    integer NOT NULL REFERENCES titles (title_id) ON DELETE CASCADE,
    patron_id   integer NOT NULL REFERENCES patrons (patron_id) ON DELETE CASCADE,
    pickup_at   integer NOT NULL DEFAULT 1 REFERENCES branches (branch_id) ON DELETE SET DEFAULT ON UPDATE CASCADE,
    placed_on   date NOT NULL DEFAULT current_date
);

CREATE TABLE fines (
    fine_id     serial PRIMARY KEY,
    loan_id     integer REFERENCES loans (loan_id) ON DELETE SET NULL,
    patron_id   integer NOT NULL REFERENCES patrons (patron_id),
    amount      numeric(6,2) NOT NULL CHECK (amount > 0),
    paid        boolean NOT NULL DEFAULT false
);
