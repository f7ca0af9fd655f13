-- Multi-tenant billing service: every tenant table forced under RLS, one permissive
-- tenant policy each, enums for statuses, comments on tables, columns and policies.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

DO $$ BEGIN CREATE ROLE billing_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$;

CREATE TYPE invoice_status AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');
CREATE TYPE billing_interval AS ENUM ('month', 'year');
COMMENT ON TYPE invoice_status IS 'Lifecycle of an invoice; mirrors the payment provider.';

CREATE TABLE tenants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tenants IS 'One row per customer organisation.';

CREATE TABLE customers (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email        text NOT NULL,
    display_name text,
    tax_id       text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, email)
);
COMMENT ON COLUMN customers.tax_id IS 'VAT or EIN, validated by the tax service.';

CREATE TABLE products (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    sku         text NOT NULL,
    name        text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    UNIQUE (tenant_id, sku)
);

CREATE TABLE prices (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    product_id     uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    currency       char(3) NOT NULL DEFAULT 'USD',
    unit_amount    bigint NOT NULL CHECK (unit_amount >= 0),
    interval       billing_interval,
    interval_count smallint NOT NULL DEFAULT 1 CHECK (interval_count BETWEEN 1 AND 36)
);
CREATE INDEX prices_product_idx ON prices (product_id);

CREATE TABLE subscriptions (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    customer_id          uuid NOT NULL REFERENCES customers (id),
    price_id             uuid NOT NULL REFERENCES prices (id),
    quantity             integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    canceled_at          timestamptz,
    CHECK (current_period_end > current_period_start)
);
CREATE INDEX subscriptions_customer_idx ON subscriptions (tenant_id, customer_id);

CREATE TABLE invoices (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    customer_id    uuid NOT NULL REFERENCES customers (id),
    subscription_id uuid REFERENCES subscriptions (id) ON DELETE SET NULL,
    number         text NOT NULL,
    status         invoice_status NOT NULL DEFAULT 'draft',
    total          bigint NOT NULL DEFAULT 0,
    due_at         date,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, number)
);
CREATE INDEX invoices_open_idx ON invoices (tenant_id, due_at) WHERE status = 'open';

CREATE TABLE invoice_lines (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    invoice_id  uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    description text NOT NULL,
    quantity    integer NOT NULL DEFAULT 1,
    amount      bigint NOT NULL
);
CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id);

CREATE TABLE payments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    invoice_id   uuid NOT NULL REFERENCES invoices (id),
    provider_ref text NOT NULL UNIQUE,
    amount       bigint NOT NULL CHECK (amount > 0),
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE credit_notes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    invoice_id uuid NOT NULL REFERENCES invoices (id),
    amount     bigint NOT NULL CHECK (amount > 0),
    reason     text
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['customers','products','prices','subscriptions','invoices',
                           'invoice_lines','payments','credit_notes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I TO billing_app
                     USING (tenant_id = current_setting('app.tenant_id')::uuid)
                     WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid)$p$,
                   t || '_tenant_isolation', t);
  END LOOP;
END $$;
COMMENT ON POLICY invoices_tenant_isolation ON invoices IS 'Rows of the tenant in app.tenant_id only.';
