-- Insurer claims system: one claims parent with a child per line of business
-- (inheritance), inherited and child-only checks, regex-validated policy numbers.
CREATE TABLE policyholders (
    holder_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name    text NOT NULL,
    national_id  text UNIQUE CHECK (national_id ~ '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'),
    born_on      date
);

CREATE TABLE policies (
    policy_no    text PRIMARY KEY CHECK (policy_no ~ '^(AUT|HOM|TRV)-[0-9]{8}$'),
    holder_id    bigint NOT NULL REFERENCES policyholders (holder_id),
    line         text NOT NULL CHECK (line IN ('auto', 'home', 'travel')),
    premium      numeric(10,2) NOT NULL,
    valid_from   date NOT NULL,
    valid_to     date NOT NULL,
    CHECK (valid_to > valid_from)
);

CREATE TABLE claims (
    claim_no     text NOT NULL,
    policy_no    text NOT NULL,
    reported_on  date NOT NULL DEFAULT current_date,
    incident_on  date NOT NULL,
    reserve      numeric(12,2) NOT NULL DEFAULT 0,
    status       text NOT NULL DEFAULT 'open',
    CONSTRAINT claims_status_check CHECK (status IN ('open', 'assessed', 'paid', 'denied', 'closed')),
    CONSTRAINT claims_reported_after_incident CHECK (reported_on >= incident_on),
    CONSTRAINT claims_only_children CHECK (false) NO INHERIT
);

CREATE TABLE auto_claims (
    vehicle_vin  char(17) NOT NULL,
    at_fault     boolean,
    police_ref   text,
    CONSTRAINT auto_claims_pkey PRIMARY KEY (claim_no),
    CONSTRAINT auto_claims_policy_fkey FOREIGN KEY (policy_no) REFERENCES policies (policy_no),
    CONSTRAINT auto_claims_policy_line CHECK (policy_no LIKE 'AUT-%')
) INHERITS (claims);

CREATE TABLE home_claims (
    peril        text NOT NULL CHECK (peril IN ('fire', 'flood', 'theft', 'storm', 'other')),
    rooms        text[],
    CONSTRAINT home_claims_pkey PRIMARY KEY (claim_no),
    CONSTRAINT home_claims_policy_fkey FOREIGN KEY (policy_no) REFERENCES policies (policy_no),
    CONSTRAINT home_claims_policy_line CHECK (policy_no LIKE 'HOM-%')
) INHERITS (claims);

CREATE TABLE travel_claims (
    trip_country char(2) NOT NULL,
    medical      boolean NOT NULL DEFAULT false,
    CONSTRAINT travel_claims_pkey PRIMARY KEY (claim_no)
) INHERITS (claims);

CREATE TABLE adjusters (
    adjuster_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name    text NOT NULL,
    region       text NOT NULL
);

CREATE TABLE assessments (
    assessment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_no      text NOT NULL,
    adjuster_id   integer NOT NULL REFERENCES adjusters (adjuster_id),
    assessed_on   date NOT NULL,
    amount        numeric(12,2) NOT NULL CHECK (amount >= 0::numeric)
);
CREATE INDEX assessments_claim_idx ON assessments (claim_no);
