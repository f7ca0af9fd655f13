-- 068_text_to_jsonb_using: a text column of serialized JSON becomes jsonb with a GIN index; the old default no longer casts.
-- This file is the state before the change.
CREATE TABLE webhooks (
    webhook_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url         text NOT NULL,
    headers     text NOT NULL DEFAULT '{}',
    last_body   text
);
INSERT INTO webhooks (url, headers, last_body) VALUES ('https://example.invalid/hook', '{"X-Token": "abc"}', '{"ok": true}');
