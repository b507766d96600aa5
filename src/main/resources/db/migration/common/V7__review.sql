-- Human review: the queue with its state machine, decisions with diffs, and deliveries of released drafts.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

-- The only moves a review item may make. Every change of review_item.state sets previous_state to the old state in
-- the same UPDATE, and the foreign key below refuses any (previous_state, state) pair not listed here, so an illegal
-- transition fails in the database even if Java let it through. BLOCKED, RELEASED and a REJECTED without rework have
-- no way out.
CREATE TABLE review_transition (
    from_state  VARCHAR(20)  NOT NULL,
    to_state    VARCHAR(20)  NOT NULL,
    action      VARCHAR(30)  NOT NULL,
    PRIMARY KEY (from_state, to_state)
);
INSERT INTO review_transition (from_state, to_state, action) VALUES
    ('GENERATED', 'CHECKED',   'checked'),
    ('GENERATED', 'BLOCKED',   'checked'),
    ('CHECKED',   'CHECKED',   'rechecked'),
    ('CHECKED',   'BLOCKED',   'rechecked'),
    ('CHECKED',   'IN_REVIEW', 'claim'),
    ('IN_REVIEW', 'IN_REVIEW', 'renew'),
    ('IN_REVIEW', 'CHECKED',   'lease-expired'),
    ('IN_REVIEW', 'APPROVED',  'approve'),
    ('IN_REVIEW', 'REJECTED',  'reject'),
    ('APPROVED',  'RELEASED',  'release'),
    ('APPROVED',  'BLOCKED',   'release-check'),
    ('REJECTED',  'REWORK',    'rework'),
    ('REWORK',    'CHECKED',   'checked'),
    ('REWORK',    'BLOCKED',   'checked'),
    ('REWORK',    'REJECTED',  'rework-failed');

-- One row per outreach under review. A rework replaces the draft under review (draft_id) with the regenerated one;
-- the item keeps its id (its first draft's id), its requester and its place in the queue.
CREATE TABLE review_item (
    id                UUID PRIMARY KEY,
    tenant_id         UUID           NOT NULL REFERENCES tenant (id),
    draft_id          UUID           NOT NULL,
    state             VARCHAR(20)    NOT NULL,
    previous_state    VARCHAR(20)    NOT NULL,
    -- optimistic versioning: every change is UPDATE … WHERE version = <read version>, and increments it
    version           BIGINT         NOT NULL,
    verdict           VARCHAR(20)    NOT NULL,
    findings          INTEGER        NOT NULL,
    rule_ids          VARCHAR(2000)  NOT NULL,
    lead_external_id  VARCHAR(100)   NOT NULL,
    lead_score        INTEGER        NOT NULL,
    angle             VARCHAR(30)    NOT NULL,
    channel           VARCHAR(20)    NOT NULL,
    campaign          VARCHAR(100),
    -- who asked for the draft: they may never approve it (segregation of duties)
    requested_by      VARCHAR(200)   NOT NULL,
    -- when the outreach entered the queue: its age is the SLA clock
    queued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by        VARCHAR(200),
    lease_expires_at  TIMESTAMP WITH TIME ZONE,
    approved_by       VARCHAR(200),
    approved_at       TIMESTAMP WITH TIME ZONE,
    approved_subject  VARCHAR(300),
    approved_body     TEXT,
    released_at       TIMESTAMP WITH TIME ZONE,
    recipient_email   VARCHAR(254),
    rejection_reason  VARCHAR(40),
    rework_draft_id   UUID,
    rework_error      VARCHAR(1000),
    CONSTRAINT review_item_current_draft UNIQUE (draft_id),
    CONSTRAINT review_item_move FOREIGN KEY (previous_state, state)
        REFERENCES review_transition (from_state, to_state),
    CONSTRAINT review_item_lease CHECK ((state = 'IN_REVIEW') = (claimed_by IS NOT NULL AND lease_expires_at IS NOT NULL)),
    -- a draft the guardrails blocked is never reviewed, approved or released
    CONSTRAINT review_item_blocked CHECK (verdict <> 'BLOCKED' OR state = 'BLOCKED'),
    CONSTRAINT review_item_approval CHECK (state NOT IN ('APPROVED', 'RELEASED')
        OR (approved_by IS NOT NULL AND approved_at IS NOT NULL AND approved_subject IS NOT NULL AND approved_body IS NOT NULL)),
    CONSTRAINT review_item_duties CHECK (approved_by IS NULL OR approved_by <> requested_by),
    CONSTRAINT review_item_released CHECK (state <> 'RELEASED' OR released_at IS NOT NULL)
);
CREATE INDEX review_item_queue ON review_item (tenant_id, state, queued_at);
CREATE INDEX review_item_rework ON review_item (tenant_id, rework_draft_id);

-- Every draft an item has had, so that a superseded draft id still finds its item.
CREATE TABLE review_item_draft (
    draft_id   UUID PRIMARY KEY,
    tenant_id  UUID  NOT NULL REFERENCES tenant (id),
    item_id    UUID  NOT NULL REFERENCES review_item (id)
);

-- Campaign labels given to drafts by the campaign module, possibly before the draft reaches the queue.
CREATE TABLE review_campaign_label (
    draft_id   UUID PRIMARY KEY,
    tenant_id  UUID          NOT NULL REFERENCES tenant (id),
    campaign   VARCHAR(100)  NOT NULL
);

-- Who did what, when and why. Approvals carry the AI draft, the approved text, their word-level diff and edit
-- distance; refused edits and release checks carry the findings that refused them. Append-only.
CREATE TABLE review_decision (
    id                UUID PRIMARY KEY,
    -- the order decisions were taken in (several may share a timestamp)
    seq               BIGINT GENERATED BY DEFAULT AS IDENTITY,
    tenant_id         UUID           NOT NULL REFERENCES tenant (id),
    item_id           UUID           NOT NULL REFERENCES review_item (id),
    draft_id          UUID           NOT NULL,
    action            VARCHAR(30)    NOT NULL,
    from_state        VARCHAR(20),
    to_state          VARCHAR(20),
    actor             VARCHAR(200)   NOT NULL,
    decided_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    reason            VARCHAR(40),
    comment           VARCHAR(2000),
    original_subject  VARCHAR(300),
    original_body     TEXT,
    final_subject     VARCHAR(300),
    final_body        TEXT,
    -- word-level diff as JSON [{"op":"equal|insert|delete","text":…}]
    diff              TEXT,
    edit_distance     INTEGER,
    findings          TEXT
);
CREATE INDEX review_decision_item ON review_decision (tenant_id, item_id, decided_at);

-- Released drafts on their way out (outbox): retried with backoff, dead-lettered after the configured attempts,
-- redelivered on request. The id is the idempotency key the receiver sees on every attempt.
CREATE TABLE review_delivery (
    id               UUID PRIMARY KEY,
    tenant_id        UUID           NOT NULL REFERENCES tenant (id),
    item_id          UUID           NOT NULL REFERENCES review_item (id),
    draft_id         UUID           NOT NULL,
    channel          VARCHAR(10)    NOT NULL,
    status           VARCHAR(12)    NOT NULL,
    attempts         INTEGER        NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1000),
    -- the message: recipient, subject, body with footer, unsubscribe link (JSON)
    payload          TEXT           NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    version          BIGINT         NOT NULL,
    CONSTRAINT review_delivery_channel CHECK (channel IN ('webhook', 'smtp')),
    CONSTRAINT review_delivery_status CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'DEAD')),
    CONSTRAINT review_delivery_once UNIQUE (item_id, channel)
);
CREATE INDEX review_delivery_due ON review_delivery (status, next_attempt_at);
