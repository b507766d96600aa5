-- The email score (0-100) of the draft under review, so the queue can be ordered by it; null for drafts stored
-- before scores existed (they sort last). Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.
ALTER TABLE review_item ADD COLUMN email_score INTEGER;
CREATE INDEX review_item_email_score ON review_item (tenant_id, state, email_score);
