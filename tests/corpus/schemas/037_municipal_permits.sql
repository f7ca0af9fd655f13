-- City permitting system generated from a data dictionary with very long names:
-- tables, columns, constraints and indexes near the 63-byte limit, comments with
-- quotes and non-ASCII text.
CREATE TABLE building_permit_applications_submitted_through_portal (
    building_permit_application_identifier bigint GENERATED ALWAYS AS IDENTITY,
    applicant_full_legal_name_as_shown_on_government_identification text NOT NULL,
    parcel_assessor_identification_number_for_the_subject_property text NOT NULL,
    estimated_construction_valuation_in_us_dollars_before_any_fees numeric(14,2),
    application_received_timestamp_in_city_hall_local_time_zone timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT building_permit_applications_submitted_through_portal_pkey
        PRIMARY KEY (building_permit_application_identifier),
    CONSTRAINT building_permit_applications_valuation_must_be_nonnegative_chk
        CHECK (estimated_construction_valuation_in_us_dollars_before_any_fees >= 0)
);
COMMENT ON TABLE building_permit_applications_submitted_through_portal IS
    'Applications filed online; paper filings are keyed in by the clerk''s office.';
COMMENT ON COLUMN building_permit_applications_submitted_through_portal.parcel_assessor_identification_number_for_the_subject_property IS
    'APN — format "123-456-789", see the assessor’s manual §4.2.';
CREATE INDEX building_permit_applications_by_parcel_assessor_number_idx
    ON building_permit_applications_submitted_through_portal (parcel_assessor_identification_number_for_the_subject_property);

CREATE TABLE permit_inspection_appointments_scheduled_by_inspectors (
    permit_inspection_appointment_identifier bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    building_permit_application_identifier bigint NOT NULL,
    inspection_discipline_code_electrical_plumbing_or_structural text NOT NULL,
    scheduled_inspection_window_start_in_city_hall_local_time timestamptz NOT NULL,
    CONSTRAINT permit_inspection_appointments_reference_the_permit_application
        FOREIGN KEY (building_permit_application_identifier)
        REFERENCES building_permit_applications_submitted_through_portal (building_permit_application_identifier)
        ON DELETE CASCADE,
    CONSTRAINT permit_inspection_discipline_code_must_be_one_of_known_values
        CHECK (inspection_discipline_code_electrical_plumbing_or_structural IN ('ELEC', 'PLMB', 'STRC', 'MECH'))
);
CREATE INDEX permit_inspection_appointments_by_application_and_window_idx
    ON permit_inspection_appointments_scheduled_by_inspectors
       (building_permit_application_identifier, scheduled_inspection_window_start_in_city_hall_local_time);

CREATE TABLE "Zoning Districts (2019 Ordinance)" (
    "District Code"  text PRIMARY KEY,
    "Max Height (ft)" numeric(5,1),
    "Lot Coverage %"  numeric(4,1) CHECK ("Lot Coverage %" BETWEEN 0 AND 100)
);
COMMENT ON TABLE "Zoning Districts (2019 Ordinance)" IS 'Imported from the "Zoning Map" GIS layer.';

CREATE TABLE fee_schedule_line_items_adopted_by_city_council_resolution (
    fee_schedule_line_item_code_as_printed_in_council_resolution text PRIMARY KEY,
    fee_description_for_display_on_the_public_permit_portal_website text NOT NULL,
    flat_fee_amount_in_us_dollars_charged_per_permit_application numeric(10,2) NOT NULL DEFAULT 0
);

CREATE TABLE permit_fee_assessments (
    assessment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    building_permit_application_identifier bigint NOT NULL
        REFERENCES building_permit_applications_submitted_through_portal (building_permit_application_identifier),
    fee_code text NOT NULL
        REFERENCES fee_schedule_line_items_adopted_by_city_council_resolution (fee_schedule_line_item_code_as_printed_in_council_resolution),
    amount numeric(10,2) NOT NULL
);
