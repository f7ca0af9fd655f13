-- schema: clinic
-- also: clinic_ref
-- A multi-tenant clinic whose visit-status and care-setting enums live in the
-- reference schema and are used by tables of both schemas: an enum default, checks
-- comparing the enum with a label, and partial indexes whose WHERE reads it.
CREATE SCHEMA clinic;
CREATE SCHEMA clinic_ref;

CREATE TYPE clinic_ref.visit_status AS ENUM (
  'booked', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show'
);
CREATE TYPE clinic_ref.care_setting AS ENUM ('in_person', 'video', 'phone');

CREATE TABLE clinic.tenants (
  tenant_id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE clinic.practitioners (
  practitioner_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES clinic.tenants (tenant_id),
  full_name text NOT NULL,
  default_setting clinic_ref.care_setting NOT NULL DEFAULT 'in_person',
  UNIQUE (tenant_id, practitioner_id)
);

CREATE TABLE clinic.patients (
  patient_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES clinic.tenants (tenant_id),
  full_name text NOT NULL,
  born_on date,
  UNIQUE (tenant_id, patient_id)
);

CREATE TABLE clinic.visits (
  visit_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id uuid NOT NULL,
  patient_id bigint NOT NULL,
  practitioner_id bigint NOT NULL,
  status clinic_ref.visit_status NOT NULL DEFAULT 'booked',
  setting clinic_ref.care_setting NOT NULL DEFAULT 'in_person',
  scheduled_at timestamptz NOT NULL,
  closed_at timestamptz,
  video_link text,
  FOREIGN KEY (tenant_id, patient_id) REFERENCES clinic.patients (tenant_id, patient_id),
  FOREIGN KEY (tenant_id, practitioner_id) REFERENCES clinic.practitioners (tenant_id, practitioner_id),
  CONSTRAINT visits_closed_when_completed CHECK (status <> 'completed' OR closed_at IS NOT NULL),
  CONSTRAINT visits_link_for_video CHECK (setting = 'video' OR video_link IS NULL)
);
CREATE INDEX visits_open_by_practitioner ON clinic.visits (tenant_id, practitioner_id, scheduled_at)
  WHERE status IN ('booked', 'checked_in', 'in_progress');
CREATE INDEX visits_no_show_idx ON clinic.visits (patient_id) WHERE status = 'no_show';

CREATE TABLE clinic_ref.status_labels (
  status clinic_ref.visit_status PRIMARY KEY,
  label text NOT NULL,
  is_final boolean NOT NULL DEFAULT false,
  CONSTRAINT status_labels_final_states CHECK (is_final = (status >= 'completed'))
);

CREATE TABLE clinic_ref.visit_transitions (
  transition_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  visit_id bigint NOT NULL REFERENCES clinic.visits (visit_id) ON DELETE CASCADE,
  from_status clinic_ref.visit_status NOT NULL,
  to_status clinic_ref.visit_status NOT NULL DEFAULT 'checked_in',
  changed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT visit_transitions_moves CHECK (from_status <> to_status),
  CONSTRAINT visit_transitions_not_back_to_booked CHECK (to_status <> 'booked')
);
CREATE INDEX visit_transitions_cancellations ON clinic_ref.visit_transitions (changed_at)
  WHERE to_status = 'cancelled';

COMMENT ON TYPE clinic_ref.visit_status IS 'Where a visit stands; the last three are final';
