-- Insights: a read model of the pipeline fed by its events (DraftGenerated, DraftChecked, DraftApproved,
-- DraftRejected, DraftReleased), never by other modules' tables; outcome events of released drafts from the e-mail
-- or CRM system. Each event writes its own table keyed by the draft, so events may arrive in any order and twice.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

-- One row per generated draft. demo marks the synthetic history seeded for the demo tenants.
CREATE TABLE insight_draft (
    tenant_id          UUID             NOT NULL REFERENCES tenant (id),
    draft_id           UUID             NOT NULL,
    lead_external_id   VARCHAR(100)     NOT NULL,
    angle              VARCHAR(30)      NOT NULL,
    -- prompt id@version, and stable or canary
    prompt             VARCHAR(120)     NOT NULL,
    variant            VARCHAR(20)      NOT NULL,
    model              VARCHAR(120)     NOT NULL,
    tier               INTEGER          NOT NULL,
    channel            VARCHAR(20)      NOT NULL,
    campaign_id        UUID,
    campaign_name      VARCHAR(200),
    prompt_tokens      INTEGER          NOT NULL,
    completion_tokens  INTEGER          NOT NULL,
    cost               NUMERIC(18, 6)   NOT NULL,
    latency_ms         BIGINT           NOT NULL,
    -- vector-search score of the best passage and the mean over the passages the tier saw (null: none scored)
    retrieval_top      DOUBLE PRECISION,
    retrieval_mean     DOUBLE PRECISION,
    -- share of the body's sentences the tier grounded with a citation
    confidence         DOUBLE PRECISION NOT NULL,
    generated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    demo               BOOLEAN          NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, draft_id)
);
CREATE INDEX insight_draft_generated ON insight_draft (tenant_id, generated_at);
CREATE INDEX insight_draft_lead ON insight_draft (tenant_id, lead_external_id);

-- The first guardrail verdict of each draft (later ones recheck a reviewer's edit), and its findings' rules.
CREATE TABLE insight_check (
    tenant_id   UUID         NOT NULL REFERENCES tenant (id),
    draft_id    UUID         NOT NULL,
    verdict     VARCHAR(20)  NOT NULL,
    findings    INTEGER      NOT NULL,
    repairs     INTEGER      NOT NULL,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, draft_id)
);
CREATE TABLE insight_check_rule (
    tenant_id  UUID          NOT NULL REFERENCES tenant (id),
    draft_id   UUID          NOT NULL,
    rule_id    VARCHAR(120)  NOT NULL,
    PRIMARY KEY (tenant_id, draft_id, rule_id)
);

-- A reviewer's decision: APPROVED (with the word-level edit distance) or REJECTED (with the reason code).
CREATE TABLE insight_decision (
    tenant_id      UUID         NOT NULL REFERENCES tenant (id),
    draft_id       UUID         NOT NULL,
    decision       VARCHAR(10)  NOT NULL,
    reason         VARCHAR(60),
    edited         BOOLEAN      NOT NULL,
    edit_distance  INTEGER      NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, draft_id)
);

CREATE TABLE insight_release (
    tenant_id         UUID          NOT NULL REFERENCES tenant (id),
    draft_id          UUID          NOT NULL,
    lead_external_id  VARCHAR(100)  NOT NULL,
    released_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, draft_id)
);

-- Outcomes of released drafts (POST /api/outcomes), idempotent by the sender's event id. occurred_at is the
-- sender's clock: outcomes are facts about a draft, so their arrival order does not matter.
CREATE TABLE insight_outcome (
    tenant_id         UUID          NOT NULL REFERENCES tenant (id),
    event_id          VARCHAR(200)  NOT NULL,
    draft_id          UUID          NOT NULL,
    lead_external_id  VARCHAR(100)  NOT NULL,
    -- sent, opened, replied, meeting-booked, opportunity-created, unsubscribed
    type              VARCHAR(30)   NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the opportunity's value (opportunity-created only)
    amount            NUMERIC(18, 2),
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX insight_outcome_draft ON insight_outcome (tenant_id, draft_id);
CREATE INDEX insight_outcome_lead ON insight_outcome (tenant_id, lead_external_id);
