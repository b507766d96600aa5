-- Usage per tenant and day, striped: each draft adds to one of a few rows (chosen at random), so a tenant's concurrent
-- drafts (a campaign runs dozens) rarely wait for one another's row lock until commit. The day's usage is the sum.
CREATE TABLE draft_usage_stripe (
    tenant_id   UUID            NOT NULL REFERENCES tenant (id),
    usage_day   DATE            NOT NULL,
    stripe      SMALLINT        NOT NULL,
    tokens      BIGINT          NOT NULL,
    cost        NUMERIC(18, 6)  NOT NULL,
    drafts      BIGINT          NOT NULL,
    PRIMARY KEY (tenant_id, usage_day, stripe)
);
INSERT INTO draft_usage_stripe (tenant_id, usage_day, stripe, tokens, cost, drafts)
    SELECT tenant_id, usage_day, 0, tokens, cost, drafts FROM draft_usage;
DROP TABLE draft_usage;
ALTER TABLE draft_usage_stripe RENAME TO draft_usage;
