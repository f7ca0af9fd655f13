-- Survey builder: questions and answers as jsonb with GIN operator classes,
-- expression indexes on JSON paths, legacy hstore respondent attributes, NULLS NOT
-- DISTINCT to allow one anonymous response per device.
CREATE EXTENSION IF NOT EXISTS hstore;

CREATE TABLE surveys (
    survey_id   uuid PRIMARY KEY,
    owner_email text NOT NULL,
    title       text NOT NULL,
    definition  jsonb NOT NULL,
    published   boolean NOT NULL DEFAULT false,
    CONSTRAINT surveys_definition_is_object CHECK (jsonb_typeof(definition) = 'object')
);
CREATE INDEX surveys_definition_gin ON surveys USING gin (definition);
CREATE INDEX surveys_owner_lower ON surveys (lower(owner_email));

CREATE TABLE respondents (
    respondent_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text,
    device_id     text,
    attributes    hstore NOT NULL DEFAULT ''
);
CREATE INDEX respondents_attributes_gist ON respondents USING gist (attributes);

CREATE TABLE responses (
    response_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id     uuid NOT NULL REFERENCES surveys (survey_id) ON DELETE CASCADE,
    respondent_id bigint REFERENCES respondents (respondent_id) ON DELETE SET NULL,
    device_id     text,
    answers       jsonb NOT NULL DEFAULT '{}',
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT responses_one_per_device UNIQUE NULLS NOT DISTINCT (survey_id, respondent_id, device_id)
);
CREATE INDEX responses_answers_gin ON responses USING gin (answers jsonb_path_ops);
CREATE INDEX responses_nps ON responses (survey_id, ((answers ->> 'nps')::smallint))
    WHERE answers ? 'nps';

CREATE TABLE survey_invites (
    survey_id     uuid NOT NULL REFERENCES surveys (survey_id) ON DELETE CASCADE,
    email         text NOT NULL,
    token         text NOT NULL UNIQUE,
    sent_at       timestamptz,
    PRIMARY KEY (survey_id, email)
);

CREATE TABLE webhooks (
    webhook_id    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id     uuid NOT NULL REFERENCES surveys (survey_id) ON DELETE CASCADE,
    url           text NOT NULL CHECK (url ~ '^https://'),
    events        text[] NOT NULL DEFAULT ARRAY['response.created'],
    CHECK (events <@ ARRAY['response.created', 'response.updated', 'survey.closed'])
);
