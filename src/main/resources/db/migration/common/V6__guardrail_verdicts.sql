-- Guardrail verdicts of stored drafts, newest last. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

CREATE TABLE guardrail_verdict (
    id              UUID PRIMARY KEY,
    tenant_id       UUID          NOT NULL REFERENCES tenant (id),
    draft_id        UUID          NOT NULL,
    -- PASSED, NEEDS_REPAIR or BLOCKED
    verdict         VARCHAR(20)   NOT NULL,
    -- the findings, most severe first: rule id, severity, span, message, evidence (JSON)
    findings        TEXT          NOT NULL,
    -- repair rounds run before this verdict
    repairs         INTEGER       NOT NULL,
    -- the tenant's policy and country table versions that produced it
    policy_version  VARCHAR(300)  NOT NULL,
    -- what was checked: subject, sentences with citations, passages, lead facts, untrusted inputs, recipient (JSON);
    -- a reviewer's edit is re-checked against it
    context         TEXT          NOT NULL,
    checked_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX guardrail_verdict_draft ON guardrail_verdict (tenant_id, draft_id, checked_at);
