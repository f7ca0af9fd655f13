-- schema: school
-- also: school_types
-- A school-management tenant app: a postal-address composite and a grade-band enum live
-- in the types schema; school tables store the address as a column and as an array, and
-- the school schema's own report-line composite has an attribute of the band enum.
CREATE SCHEMA school;
CREATE SCHEMA school_types;

CREATE TYPE school_types.grade_band AS ENUM ('A', 'B', 'C', 'D', 'E', 'U');
CREATE TYPE school_types.postal_address AS (
  line1 text,
  line2 text,
  city text,
  postcode varchar(10) COLLATE "C",
  country char(2)
);
COMMENT ON TYPE school_types.postal_address IS 'A postal address as written on letters home';

CREATE TYPE school.report_line AS (
  subject text,
  band school_types.grade_band,
  score numeric(5, 2),
  teacher_note text
);

CREATE TABLE school.schools (
  school_id uuid PRIMARY KEY,
  name text NOT NULL,
  address school_types.postal_address NOT NULL
);

CREATE TABLE school.students (
  student_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES school.schools (school_id),
  full_name text NOT NULL,
  enrolled_on date NOT NULL DEFAULT current_date
);

CREATE TABLE school.guardians (
  guardian_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES school.schools (school_id),
  full_name text NOT NULL,
  home_address school_types.postal_address,
  previous_addresses school_types.postal_address[] NOT NULL DEFAULT '{}',
  CONSTRAINT guardians_home_has_city CHECK ((home_address).city IS NOT NULL OR home_address IS NULL)
);

CREATE TABLE school.student_guardians (
  student_id bigint NOT NULL REFERENCES school.students (student_id) ON DELETE CASCADE,
  guardian_id bigint NOT NULL REFERENCES school.guardians (guardian_id) ON DELETE CASCADE,
  relationship text NOT NULL,
  PRIMARY KEY (student_id, guardian_id)
);

CREATE TABLE school.report_cards (
  report_card_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  student_id bigint NOT NULL REFERENCES school.students (student_id),
  term text NOT NULL,
  headline school.report_line,
  lines school.report_line[] NOT NULL DEFAULT '{}',
  UNIQUE (student_id, term)
);

CREATE TABLE school_types.band_thresholds (
  band school_types.grade_band PRIMARY KEY,
  min_score numeric(5, 2) NOT NULL CHECK (min_score BETWEEN 0 AND 100)
);

CREATE TABLE school_types.exam_centres (
  centre_code text PRIMARY KEY,
  address school_types.postal_address NOT NULL,
  overflow_sites school_types.postal_address[]
);
