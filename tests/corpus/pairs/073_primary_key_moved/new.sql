-- 073_primary_key_moved: the primary key moves to (tenant_id, id): the old key and its index are dropped under a foreign key.
-- This file is the state after the change.
CREATE TABLE tenants (
    tenant_id   integer PRIMARY KEY
);

CREATE TABLE foobar (
    tenant_id   integer NOT NULL REFERENCES tenants (tenant_id),
    id          bigint NOT NULL,
    label       text,
    CONSTRAINT foobar_pkey PRIMARY KEY (tenant_id, id)
);

CREATE TABLE foobar_tags (
    tenant_id   integer NOT NULL,
    foobar_id   bigint NOT NULL,
    tag         text NOT NULL,
    CONSTRAINT foobar_tags_foobar_fkey FOREIGN KEY (tenant_id, foobar_id) REFERENCES foobar (tenant_id, id)
);
