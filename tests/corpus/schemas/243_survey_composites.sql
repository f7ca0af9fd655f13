-- Survey answers stored as composites: a score composite over a domain, a response
-- holding an enum and a nested score, a view reading composite attributes.
CREATE TYPE answer_kind AS ENUM ('scale', 'choice', 'free_text');

CREATE DOMAIN score_value AS smallint
    CONSTRAINT score_value_range CHECK (VALUE BETWEEN 0 AND 10);

CREATE TYPE score AS (
    value  score_value,
    weight numeric(4,2)
);

CREATE TYPE response AS (
    kind      answer_kind,
    rated     score,
    note      text COLLATE "C",
    picked    text[]
);
COMMENT ON TYPE response IS 'One answer to one question';

CREATE TABLE surveys (
    survey_id   integer PRIMARY KEY,
    title       text NOT NULL
);

CREATE TABLE questions (
    question_id integer PRIMARY KEY,
    survey_id   integer NOT NULL REFERENCES surveys (survey_id),
    prompt      text NOT NULL,
    kind        answer_kind NOT NULL
);

CREATE TABLE submissions (
    submission_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id   integer NOT NULL REFERENCES surveys (survey_id),
    submitted_at timestamptz NOT NULL DEFAULT now(),
    answers     response[] NOT NULL
);

CREATE TABLE answer_overrides (
    submission_id bigint NOT NULL REFERENCES submissions (submission_id) ON DELETE CASCADE,
    question_id integer NOT NULL REFERENCES questions (question_id),
    answer      response NOT NULL,
    PRIMARY KEY (submission_id, question_id)
);

CREATE VIEW override_scores AS
    SELECT submission_id, question_id, ((answer).rated).value AS score
      FROM answer_overrides;
