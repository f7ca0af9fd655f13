-- Survey answers on scale domains: a Likert domain over smallint, a net-promoter
-- domain, a free-text answer domain with a length check, and tenant RLS on answers.
CREATE DOMAIN likert AS smallint CONSTRAINT likert_range CHECK (VALUE BETWEEN 1 AND 5);
CREATE DOMAIN nps AS smallint CONSTRAINT nps_range CHECK (VALUE BETWEEN 0 AND 10);
CREATE DOMAIN answer_text AS text CONSTRAINT answer_text_length CHECK (char_length(VALUE) <= 2000);

CREATE TABLE surveys (
    survey_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL,
    title       text NOT NULL
);

CREATE TABLE questions (
    question_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    survey_id   uuid NOT NULL REFERENCES surveys (survey_id) ON DELETE CASCADE,
    prompt      text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('likert', 'nps', 'text'))
);

CREATE TABLE answers (
    answer_id   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL,
    question_id uuid NOT NULL REFERENCES questions (question_id) ON DELETE CASCADE,
    scale       likert,
    promoter    nps,
    comment     answer_text
);
ALTER TABLE answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE answers FORCE ROW LEVEL SECURITY;
CREATE POLICY answers_tenant ON answers USING (tenant_id = current_setting('app.tenant', true)::uuid);

CREATE TABLE survey_scores (
    survey_id   uuid PRIMARY KEY REFERENCES surveys (survey_id),
    mean_scale  numeric(4,2),
    nps_score   smallint
);
