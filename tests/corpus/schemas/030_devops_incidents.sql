-- Incident management for an SRE team: RLS enabled (not forced) with USING and
-- WITH CHECK per command, role-specific policies for responders and viewers.
DO $$ BEGIN CREATE ROLE incident_responder; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE incident_viewer; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE severity AS ENUM ('sev1', 'sev2', 'sev3', 'sev4');
CREATE TYPE incident_phase AS ENUM ('detected', 'mitigating', 'resolved', 'postmortem');

CREATE TABLE services (
    service_id   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team         text NOT NULL,
    name         text NOT NULL UNIQUE,
    tier         smallint NOT NULL DEFAULT 2
);

CREATE TABLE incidents (
    incident_id  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team         text NOT NULL,
    title        text NOT NULL,
    severity     severity NOT NULL,
    phase        incident_phase NOT NULL DEFAULT 'detected',
    commander    text,
    restricted   boolean NOT NULL DEFAULT false,
    detected_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz
);

CREATE TABLE incident_services (
    incident_id  integer NOT NULL REFERENCES incidents (incident_id) ON DELETE CASCADE,
    service_id   integer NOT NULL REFERENCES services (service_id),
    PRIMARY KEY (incident_id, service_id)
);

CREATE TABLE timeline_entries (
    entry_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id  integer NOT NULL REFERENCES incidents (incident_id) ON DELETE CASCADE,
    author       text NOT NULL DEFAULT current_user,
    at           timestamptz NOT NULL DEFAULT now(),
    note         text NOT NULL
);

CREATE TABLE action_items (
    item_id      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id  integer NOT NULL REFERENCES incidents (incident_id),
    owner        text NOT NULL,
    due_on       date,
    done         boolean NOT NULL DEFAULT false
);

CREATE TABLE oncall_shifts (
    team         text NOT NULL,
    engineer     text NOT NULL,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    PRIMARY KEY (team, starts_at)
);

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE timeline_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY incidents_read ON incidents FOR SELECT TO incident_viewer, incident_responder
    USING (NOT restricted OR pg_has_role(current_user, 'incident_responder', 'member'));
CREATE POLICY incidents_open ON incidents FOR INSERT TO incident_responder
    WITH CHECK (phase = 'detected');
CREATE POLICY incidents_update ON incidents FOR UPDATE TO incident_responder
    USING (phase <> 'postmortem') WITH CHECK (resolved_at IS NULL OR phase IN ('resolved', 'postmortem'));

CREATE POLICY timeline_read ON timeline_entries FOR SELECT USING (true);
CREATE POLICY timeline_write ON timeline_entries FOR INSERT TO incident_responder
    WITH CHECK (author = current_user);
CREATE POLICY timeline_no_edit ON timeline_entries AS RESTRICTIVE FOR UPDATE USING (false);

CREATE POLICY action_items_owner ON action_items FOR ALL TO incident_responder
    USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY action_items_read ON action_items FOR SELECT TO incident_viewer USING (true);

CREATE VIEW public_status WITH (security_barrier = true) AS
    SELECT s.name AS service, i.severity, i.phase, i.detected_at
    FROM incidents i
    JOIN incident_services x ON x.incident_id = i.incident_id
    JOIN services s ON s.service_id = x.service_id
    WHERE NOT i.restricted AND i.phase IN ('detected', 'mitigating');
COMMENT ON VIEW public_status IS 'Feeds the public status page; restricted incidents never appear.';
