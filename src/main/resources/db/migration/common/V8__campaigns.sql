-- Campaigns: bulk drafting jobs and their work items. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

CREATE TABLE campaign (
    id               UUID PRIMARY KEY,
    tenant_id        UUID          NOT NULL REFERENCES tenant (id),
    name             VARCHAR(200)  NOT NULL,
    angle            VARCHAR(30)   NOT NULL,
    prompt_variant   VARCHAR(20),
    -- IMPORTING, RUNNING, PAUSED, COMPLETED, CANCELLED
    status           VARCHAR(20)   NOT NULL,
    -- the client's Idempotency-Key and the SHA-256 of the request it came with (known once the import ended)
    idempotency_key  VARCHAR(200),
    request_hash     CHAR(64),
    -- the import's row-level report (JSON), written when the import ended
    import_report    TEXT,
    items            BIGINT        NOT NULL DEFAULT 0,
    created_by       VARCHAR(200)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- last sign of life of the import (an import whose instance died is taken over by a retry of the request)
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    -- when every item had reached its terminal state (CampaignCompleted was published then)
    finished_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT campaign_idempotency_key UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX campaign_tenant_created ON campaign (tenant_id, created_at);
CREATE INDEX campaign_status ON campaign (status, finished_at);

-- One work item per lead of a campaign. PENDING items are claimed (FOR UPDATE SKIP LOCKED) into IN_PROGRESS with a
-- lease that their instance's heartbeat extends; an expired lease returns the item to PENDING for any instance.
CREATE TABLE campaign_item (
    id                UUID PRIMARY KEY,
    campaign_id       UUID          NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    tenant_id         UUID          NOT NULL REFERENCES tenant (id),
    -- the lead's CSV row (header = 1) or index in the JSON list (from 0)
    seq               BIGINT        NOT NULL,
    lead_external_id  VARCHAR(100)  NOT NULL,
    -- chosen when the item is created: the draft is written under this id, so it is written once (primary key of
    -- draft), however often the item is claimed
    draft_id          UUID          NOT NULL,
    -- PENDING, IN_PROGRESS, DRAFTED, BLOCKED, SUPPRESSED, FAILED, CANCELLED
    state             VARCHAR(20)   NOT NULL,
    -- PENDING: not before; IN_PROGRESS: the lease expires
    due_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner       VARCHAR(80),
    attempts          INTEGER       NOT NULL DEFAULT 0,
    reason_code       VARCHAR(120),
    reason            VARCHAR(2000),
    verdict           VARCHAR(20),
    model             VARCHAR(120),
    tokens            BIGINT,
    cost              NUMERIC(18, 6),
    finished_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT campaign_item_one_draft UNIQUE (draft_id),
    CONSTRAINT campaign_item_one_per_lead UNIQUE (campaign_id, lead_external_id)
);
CREATE INDEX campaign_item_claim ON campaign_item (campaign_id, state, due_at);
CREATE INDEX campaign_item_lease ON campaign_item (state, due_at);
CREATE INDEX campaign_item_order ON campaign_item (campaign_id, seq);
CREATE INDEX campaign_item_finished ON campaign_item (campaign_id, finished_at);
