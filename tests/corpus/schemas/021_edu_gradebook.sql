-- District gradebook: grades partitioned by school year id (an integer, not a
-- date) with MINVALUE/MAXVALUE ends; attendance by student-id ranges.
CREATE TABLE school_years (
    year_id    smallint PRIMARY KEY,
    label      text NOT NULL UNIQUE,
    starts_on  date NOT NULL
);

CREATE TABLE students (
    student_id integer PRIMARY KEY,
    state_id   varchar(12) UNIQUE,
    full_name  text NOT NULL,
    grade      smallint CHECK (grade BETWEEN -1 AND 12)
);

CREATE TABLE classes (
    class_id   integer PRIMARY KEY,
    year_id    smallint NOT NULL REFERENCES school_years (year_id),
    subject    text NOT NULL,
    teacher    text
);

CREATE TABLE grades (
    year_id    smallint NOT NULL,
    class_id   integer NOT NULL,
    student_id integer NOT NULL,
    period     smallint NOT NULL CHECK (period BETWEEN 1 AND 4),
    mark       numeric(5,2),
    letter     char(2),
    PRIMARY KEY (year_id, class_id, student_id, period)
) PARTITION BY RANGE (year_id);
CREATE TABLE grades_legacy PARTITION OF grades FOR VALUES FROM (MINVALUE) TO (2020);
CREATE TABLE grades_2020_2022 PARTITION OF grades FOR VALUES FROM (2020) TO (2023);
CREATE TABLE grades_2023 PARTITION OF grades FOR VALUES FROM (2023) TO (2024);
CREATE TABLE grades_2024 PARTITION OF grades FOR VALUES FROM (2024) TO (2025);
CREATE TABLE grades_future PARTITION OF grades FOR VALUES FROM (2025) TO (MAXVALUE);
CREATE INDEX grades_student_idx ON grades (student_id, year_id);

CREATE TABLE attendance (
    student_id integer NOT NULL,
    day        date NOT NULL,
    present    boolean NOT NULL,
    excuse     text,
    PRIMARY KEY (student_id, day)
) PARTITION BY RANGE (student_id);
CREATE TABLE attendance_s0 PARTITION OF attendance FOR VALUES FROM (MINVALUE) TO (100000);
CREATE TABLE attendance_s1 PARTITION OF attendance FOR VALUES FROM (100000) TO (200000);
CREATE TABLE attendance_s2 PARTITION OF attendance FOR VALUES FROM (200000) TO (MAXVALUE);
CREATE INDEX attendance_absent_idx ON attendance_s1 (day) WHERE NOT present;

CREATE TABLE report_cards (
    year_id    smallint NOT NULL REFERENCES school_years (year_id),
    student_id integer NOT NULL REFERENCES students (student_id),
    issued_on  date,
    gpa        numeric(3,2) CHECK (gpa BETWEEN 0 AND 4),
    PRIMARY KEY (year_id, student_id)
);
