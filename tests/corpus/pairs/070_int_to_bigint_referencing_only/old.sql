-- 070_int_to_bigint_referencing_only: only the referencing column widens to bigint; the referenced key stays integer.
-- This file is the state before the change.
CREATE TABLE users (
    user_id     integer PRIMARY KEY,
    email       text NOT NULL
);

CREATE TABLE login_events (
    event_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users (user_id),
    at          timestamptz NOT NULL DEFAULT now()
);
