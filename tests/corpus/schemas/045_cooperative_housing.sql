-- Housing cooperative: member households, units, and charges, with a generic
-- "documents" parent that notices and minutes inherit from; inherited checks
-- merge with local ones.
CREATE TABLE units (
    unit_no     text PRIMARY KEY,
    floor_area  numeric(6,1) NOT NULL,
    shares      integer NOT NULL CHECK (shares > 0)
);

CREATE TABLE households (
    household_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_no      text NOT NULL UNIQUE REFERENCES units (unit_no),
    moved_in     date NOT NULL,
    contact_email text
);

CREATE TABLE members (
    member_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id integer NOT NULL REFERENCES households (household_id) ON DELETE CASCADE,
    full_name    text NOT NULL,
    voting       boolean NOT NULL DEFAULT true
);

CREATE TABLE documents (
    doc_id       integer NOT NULL,
    title        text NOT NULL,
    published_on date NOT NULL,
    author       text,
    CONSTRAINT documents_title_not_blank CHECK (btrim(title) <> '')
);

CREATE TABLE notices (
    doc_id       integer NOT NULL,
    urgent       boolean NOT NULL DEFAULT false,
    expires_on   date,
    PRIMARY KEY (doc_id),
    CONSTRAINT notices_expiry CHECK (expires_on IS NULL OR expires_on >= published_on)
) INHERITS (documents);

CREATE TABLE minutes (
    meeting_on   date NOT NULL,
    attendees    integer NOT NULL CHECK (attendees >= 0),
    quorum       boolean GENERATED ALWAYS AS (attendees >= 10) STORED,
    PRIMARY KEY (doc_id),
    CONSTRAINT documents_title_not_blank CHECK (btrim(title) <> '')
) INHERITS (documents);

CREATE TABLE charges (
    charge_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id integer NOT NULL REFERENCES households (household_id),
    month        date NOT NULL,
    amount       numeric(8,2) NOT NULL,
    paid_on      date,
    UNIQUE (household_id, month)
);

CREATE TABLE work_orders (
    order_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_no      text REFERENCES units (unit_no),
    reported_by  integer REFERENCES members (member_id) ON DELETE SET NULL,
    description  text NOT NULL,
    closed       boolean NOT NULL DEFAULT false
);
