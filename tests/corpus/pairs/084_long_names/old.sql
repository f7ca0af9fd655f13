-- 084_long_names: a table near the 63-byte limit gains a column and constraints whose generated names would be truncated.
-- This file is the state before the change.
CREATE TABLE customer_subscription_entitlement_overrides_by_region (
    override_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_account_identifier_in_billing_system bigint NOT NULL,
    region_code text NOT NULL
);
