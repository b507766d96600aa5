-- Drafts with their citations and provenance. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

CREATE TABLE draft (
    id                   UUID PRIMARY KEY,
    tenant_id            UUID          NOT NULL REFERENCES tenant (id),
    lead_external_id     VARCHAR(100)  NOT NULL,
    angle                VARCHAR(30)   NOT NULL,
    tone                 VARCHAR(20)   NOT NULL,
    channel              VARCHAR(20)   NOT NULL,
    status               VARCHAR(20)   NOT NULL,
    failure_reason       VARCHAR(1000),
    subject              VARCHAR(300)  NOT NULL,
    -- sentences with their citations, the call to action and the lead score with its reasons (JSON)
    content              TEXT          NOT NULL,
    lead_score           INTEGER       NOT NULL,
    prompt_ref           VARCHAR(120)  NOT NULL,
    model                VARCHAR(120)  NOT NULL,
    tier                 INTEGER       NOT NULL,
    feature_snapshot_id  UUID          NOT NULL,
    -- prompt id@version, variant, model and tier, passage ids@hash, snapshot id@hash, tokens, cost, latency (JSON)
    provenance           TEXT          NOT NULL,
    -- a shadow draft: run beside this draft with another prompt version, for comparison only
    shadow_of            UUID,
    created_by           VARCHAR(200)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX draft_tenant_lead ON draft (tenant_id, lead_external_id, created_at);
CREATE INDEX draft_tenant_shadow ON draft (tenant_id, shadow_of);

-- Tokens and cost spent on drafts per tenant and day (UTC), for the daily budget.
CREATE TABLE draft_usage (
    tenant_id   UUID            NOT NULL REFERENCES tenant (id),
    usage_day   DATE            NOT NULL,
    tokens      BIGINT          NOT NULL,
    cost        NUMERIC(18, 6)  NOT NULL,
    drafts      BIGINT          NOT NULL,
    PRIMARY KEY (tenant_id, usage_day)
);
