-- 017_identity_options: ticket numbers: new START, INCREMENT, MINVALUE, MAXVALUE, CACHE and CYCLE.
-- This file is the state after the change.
CREATE TABLE queues (
    queue_id    smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE
);

CREATE TABLE tickets (
    ticket_no   integer GENERATED ALWAYS AS IDENTITY (START WITH 5000 INCREMENT BY 5 MINVALUE 5000 MAXVALUE 99999995 CACHE 20 CYCLE) PRIMARY KEY,
    queue_id    smallint NOT NULL REFERENCES queues (queue_id),
    subject     text NOT NULL,
    opened_at   timestamptz NOT NULL DEFAULT now()
);
