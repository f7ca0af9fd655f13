-- Electronic health records: SECURITY DEFINER access functions with EXECUTE
-- revoked from PUBLIC and granted to clinical roles, a break-glass procedure, an
-- audit trigger on every table, domains for medical record numbers.
DO $$ BEGIN CREATE ROLE ehr_clinician; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE ehr_billing; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE DOMAIN mrn AS varchar(10) CHECK (VALUE ~ '^[A-Z]{2}[0-9]{8}$');

CREATE TABLE patients (
    patient_mrn mrn PRIMARY KEY,
    full_name   text NOT NULL,
    dob         date NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE encounters (
    encounter_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_mrn  mrn NOT NULL REFERENCES patients (patient_mrn),
    started_at   timestamptz NOT NULL,
    diagnosis    text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE access_audit (
    audit_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor        text NOT NULL DEFAULT session_user,
    patient_mrn  mrn,
    action       text NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE prescriptions (
    prescription_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    encounter_id bigint NOT NULL REFERENCES encounters (encounter_id),
    drug         text NOT NULL,
    dose         text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION touch_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;

CREATE FUNCTION audit_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO access_audit (patient_mrn, action)
  VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.patient_mrn ELSE NEW.patient_mrn END, TG_TABLE_NAME || ':' || TG_OP);
  RETURN NULL;
END $$;

CREATE FUNCTION patient_chart(p_mrn mrn) RETURNS SETOF encounters
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT * FROM encounters WHERE patient_mrn = p_mrn ORDER BY started_at DESC
$$;

CREATE FUNCTION billing_codes(p_encounter bigint) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT array_remove(ARRAY[diagnosis], NULL) FROM encounters WHERE encounter_id = p_encounter
$$;

CREATE PROCEDURE break_glass(p_mrn mrn, p_reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO access_audit (patient_mrn, action) VALUES (p_mrn, 'break_glass: ' || p_reason);
END $$;

CREATE TRIGGER patients_touch BEFORE UPDATE ON patients FOR EACH ROW EXECUTE FUNCTION touch_updated();
CREATE TRIGGER encounters_touch BEFORE UPDATE ON encounters FOR EACH ROW EXECUTE FUNCTION touch_updated();
CREATE TRIGGER access_audit_touch BEFORE UPDATE ON access_audit FOR EACH ROW EXECUTE FUNCTION touch_updated();
CREATE TRIGGER prescriptions_touch BEFORE UPDATE ON prescriptions FOR EACH ROW EXECUTE FUNCTION touch_updated();
CREATE TRIGGER patients_audit AFTER INSERT OR UPDATE OR DELETE ON patients FOR EACH ROW EXECUTE FUNCTION audit_change();
CREATE TRIGGER encounters_audit AFTER INSERT OR UPDATE OR DELETE ON encounters FOR EACH ROW EXECUTE FUNCTION audit_change();

REVOKE EXECUTE ON FUNCTION audit_change() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION patient_chart(mrn) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION billing_codes(bigint) FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE break_glass(mrn, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION patient_chart(mrn) TO ehr_clinician;
GRANT EXECUTE ON FUNCTION billing_codes(bigint) TO ehr_billing, ehr_clinician;
GRANT EXECUTE ON PROCEDURE break_glass(mrn, text) TO ehr_clinician;
GRANT SELECT ON patients TO ehr_billing;
GRANT INSERT ON access_audit TO ehr_clinician, ehr_billing;

-- Front-desk software writes prescriptions through a view; an INSTEAD OF
-- trigger fills the table (triggers on views stay outside the language).
CREATE VIEW prescription_entry AS
  SELECT encounter_id, drug, dose FROM prescriptions;
CREATE FUNCTION prescription_entry_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO prescriptions (encounter_id, drug, dose) VALUES (NEW.encounter_id, NEW.drug, NEW.dose);
  RETURN NEW;
END $$;
CREATE TRIGGER prescription_entry_insert INSTEAD OF INSERT ON prescription_entry
  FOR EACH ROW EXECUTE FUNCTION prescription_entry_insert();

-- Still unmanaged: extended statistics on the columns encounters are looked up by.
CREATE STATISTICS encounters_patient_started (dependencies) ON patient_mrn, started_at FROM encounters;
