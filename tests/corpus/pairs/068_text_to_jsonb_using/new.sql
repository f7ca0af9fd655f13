-- 068_text_to_jsonb_using: a text column of serialized JSON becomes jsonb with a GIN index; the old default no longer casts.
-- This file is the state after the change.
CREATE TABLE webhooks (
    webhook_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url         text NOT NULL,
    headers     jsonb NOT NULL DEFAULT '{}'::jsonb,
    last_body   jsonb
);
CREATE INDEX webhooks_headers_gin ON webhooks USING gin (headers);
INSERT INTO webhooks (url, headers, last_body) VALUES ('https://example.invalid/hook', '{"X-Token": "abc"}', '{"ok": true}');
