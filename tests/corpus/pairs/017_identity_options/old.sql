-- 017_identity_options: ticket numbers: new START, INCREMENT, MINVALUE, MAXVALUE, CACHE and CYCLE.
-- This file is the state before the change.
CREATE TABLE queues (
    queue_id    smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE
);

CREATE TABLE tickets (
    ticket_no   integer GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 1) PRIMARY KEY,
    queue_id    smallint NOT NULL REFERENCES queues (queue_id),
    subject     text NOT NULL,
    opened_at   timestamptz NOT NULL DEFAULT now()
);
