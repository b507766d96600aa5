-- Leads: the contract as JSON text (latest version), with the columns that filters need extracted beside it.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

CREATE TABLE lead (
    id              UUID PRIMARY KEY,
    tenant_id       UUID          NOT NULL REFERENCES tenant (id),
    external_id     VARCHAR(100)  NOT NULL,
    schema_version  INTEGER       NOT NULL,
    contract        TEXT          NOT NULL,
    email           VARCHAR(254)  NOT NULL,
    industry        VARCHAR(60),
    region          VARCHAR(8),
    country         CHAR(2)       NOT NULL,
    stage           VARCHAR(20),
    consent_status  VARCHAR(20)   NOT NULL,
    version         BIGINT        NOT NULL,
    last_sequence   BIGINT        NOT NULL DEFAULT 0,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT lead_external_id_per_tenant UNIQUE (tenant_id, external_id)
);
CREATE INDEX lead_tenant_email ON lead (tenant_id, email);
CREATE INDEX lead_tenant_segment ON lead (tenant_id, industry, region, country);

-- Point-in-time feature values of a lead, for lineage: written once, never updated.
CREATE TABLE feature_snapshot (
    id              UUID PRIMARY KEY,
    tenant_id       UUID          NOT NULL REFERENCES tenant (id),
    lead_id         UUID          NOT NULL REFERENCES lead (id),
    external_id     VARCHAR(100)  NOT NULL,
    lead_version    BIGINT        NOT NULL,
    feature_values  TEXT          NOT NULL,
    content_hash    CHAR(64)      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX feature_snapshot_lead ON feature_snapshot (tenant_id, external_id, created_at);

-- Do-not-contact list: SHA-256 of the lower-cased, trimmed address, never the address itself.
CREATE TABLE suppression (
    tenant_id   UUID          NOT NULL REFERENCES tenant (id),
    email_hash  CHAR(64)      NOT NULL,
    reason      VARCHAR(40)   NOT NULL,
    source      VARCHAR(200)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, email_hash)
);
