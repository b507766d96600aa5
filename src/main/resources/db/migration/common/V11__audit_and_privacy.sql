-- Audit trail: append-only, hash-chained per tenant. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.
-- Each entry's hash is SHA-256 over a canonical JSON form of its columns (details by their hash) and the previous
-- entry's hash; erasure may replace details by a tombstone, which keeps details_hash and so the chain.
CREATE TABLE audit_event (
    id            UUID PRIMARY KEY,
    tenant_id     UUID          NOT NULL,
    seq           BIGINT        NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_kind    VARCHAR(16)   NOT NULL,
    actor         VARCHAR(200)  NOT NULL,
    action        VARCHAR(80)   NOT NULL,
    target_type   VARCHAR(40)   NOT NULL,
    target_id     VARCHAR(200)  NOT NULL,
    request_id    VARCHAR(64),
    -- whom the entry is about ('lead:<externalId>'), so that erasure finds the entries to tombstone
    subject_ref   VARCHAR(200),
    details       TEXT          NOT NULL,
    details_hash  CHAR(64)      NOT NULL,
    prev_hash     CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL,
    erased_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT audit_event_position UNIQUE (tenant_id, seq)
);
CREATE INDEX audit_event_time ON audit_event (tenant_id, occurred_at);
CREATE INDEX audit_event_subject ON audit_event (tenant_id, subject_ref);

-- The last entry of each tenant's chain (appends lock this row, so a tenant's entries are written one at a time).
CREATE TABLE audit_head (
    tenant_id  UUID      PRIMARY KEY,
    seq        BIGINT    NOT NULL,
    hash       CHAR(64)  NOT NULL
);

-- Where a tenant's chain starts after retention removed its oldest entries: the last removed entry's position and hash.
CREATE TABLE audit_anchor (
    tenant_id  UUID      PRIMARY KEY,
    seq        BIGINT    NOT NULL,
    hash       CHAR(64)  NOT NULL,
    pruned_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Leads: sensitive fields are encrypted (AES-GCM, key id beside the ciphertext), so the address is looked up by hash.
ALTER TABLE lead ALTER COLUMN email SET DATA TYPE VARCHAR(1000);
ALTER TABLE lead ADD COLUMN email_hash CHAR(64);
DROP INDEX lead_tenant_email;
CREATE INDEX lead_tenant_email_hash ON lead (tenant_id, email_hash);
