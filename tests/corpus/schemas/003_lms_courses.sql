-- Learning management system, grown since 2016: serial keys everywhere, a few
-- deferrable foreign keys for the bulk course importer, comments on constraints
-- and indexes, ON DELETE SET NULL on a column list.
CREATE TABLE schools (
    id         serial PRIMARY KEY,
    name       varchar(200) NOT NULL,
    timezone   varchar(64) NOT NULL DEFAULT 'UTC'
);

CREATE TABLE users (
    id          bigserial PRIMARY KEY,
    school_id   integer NOT NULL REFERENCES schools (id),
    email       varchar(320) NOT NULL,
    full_name   varchar(200) NOT NULL,
    role        varchar(20) NOT NULL DEFAULT 'student',
    created     timestamp without time zone NOT NULL DEFAULT now(),
    CONSTRAINT users_role_check CHECK (role IN ('student', 'teacher', 'admin'))
);
CREATE UNIQUE INDEX users_school_email_key ON users (school_id, lower(email));
COMMENT ON INDEX users_school_email_key IS 'Emails are unique per school, case-insensitively.';

CREATE TABLE terms (
    id         smallserial PRIMARY KEY,
    school_id  integer NOT NULL REFERENCES schools (id),
    label      varchar(40) NOT NULL,
    starts_on  date NOT NULL,
    ends_on    date NOT NULL,
    CONSTRAINT terms_dates_check CHECK (ends_on > starts_on)
);
COMMENT ON CONSTRAINT terms_dates_check ON terms IS 'A term lasts at least one day.';

CREATE TABLE courses (
    id          serial PRIMARY KEY,
    school_id   integer NOT NULL,
    term_id     smallint NOT NULL,
    code        varchar(20) NOT NULL,
    title       varchar(200) NOT NULL,
    teacher_id  bigint,
    CONSTRAINT courses_school_fk FOREIGN KEY (school_id) REFERENCES schools (id),
    CONSTRAINT courses_term_fk FOREIGN KEY (term_id) REFERENCES terms (id)
        DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT courses_teacher_fk FOREIGN KEY (teacher_id) REFERENCES users (id)
        ON DELETE SET NULL DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT courses_code_uq UNIQUE (term_id, code)
);
COMMENT ON CONSTRAINT courses_term_fk ON courses IS 'Deferred: the importer loads courses before terms.';

CREATE TABLE sections (
    id          serial PRIMARY KEY,
    course_id   integer NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    name        varchar(40) NOT NULL,
    capacity    smallint NOT NULL DEFAULT 30 CHECK (capacity > 0)
);

CREATE TABLE enrollments (
    id          bigserial PRIMARY KEY,
    school_id   integer NOT NULL,
    section_id  integer NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    enrolled    timestamp without time zone NOT NULL DEFAULT now(),
    dropped     timestamp without time zone,
    UNIQUE (section_id, user_id)
);
CREATE INDEX enrollments_user_idx ON enrollments (user_id);

CREATE TABLE assignments (
    id          serial PRIMARY KEY,
    course_id   integer NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    title       varchar(200) NOT NULL,
    due         timestamp without time zone,
    max_points  numeric(6,2) NOT NULL DEFAULT 100
);

CREATE TABLE submissions (
    id             bigserial PRIMARY KEY,
    school_id      integer NOT NULL,
    assignment_id  integer NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
    user_id        bigint NOT NULL REFERENCES users (id),
    grader_id      bigint,
    grader_school  integer,
    submitted      timestamp without time zone NOT NULL DEFAULT now(),
    points         numeric(6,2),
    CONSTRAINT submissions_grader_fk FOREIGN KEY (grader_id) REFERENCES users (id)
        ON DELETE SET NULL (grader_id)
);
CREATE INDEX submissions_assignment_idx ON submissions (assignment_id, submitted DESC);
COMMENT ON INDEX submissions_assignment_idx IS 'Teacher inbox: newest submissions first.';

CREATE TABLE announcements (
    id          serial PRIMARY KEY,
    course_id   integer REFERENCES courses (id) ON DELETE CASCADE,
    author_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    body        text NOT NULL,
    posted      timestamp without time zone NOT NULL DEFAULT now()
);
