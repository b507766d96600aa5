-- The outbox channel: released mail kept in the service, as the SMTP channel would send it, instead of sent.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

ALTER TABLE review_delivery DROP CONSTRAINT review_delivery_channel;
ALTER TABLE review_delivery ADD CONSTRAINT review_delivery_channel CHECK (channel IN ('webhook', 'smtp', 'outbox'));

-- One row per outbox delivery (the id is the delivery's). Holds personal data (the recipient and the text): every
-- query names the tenant, and a lead's erasure deletes its rows with its review items.
CREATE TABLE review_outbox (
    id                UUID PRIMARY KEY,
    tenant_id         UUID           NOT NULL REFERENCES tenant (id),
    item_id           UUID           NOT NULL REFERENCES review_item (id),
    draft_id          UUID           NOT NULL,
    lead_external_id  VARCHAR(100)   NOT NULL,
    message_id        VARCHAR(200)   NOT NULL,
    mail_from         VARCHAR(320)   NOT NULL,
    mail_to           VARCHAR(254)   NOT NULL,
    subject           VARCHAR(300)   NOT NULL,
    -- the RFC 5322 message, byte for byte as SMTP would send it (ISO-8859-1 keeps any 8-bit byte as it is)
    message           TEXT           NOT NULL,
    stored_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX review_outbox_tenant ON review_outbox (tenant_id, stored_at);
