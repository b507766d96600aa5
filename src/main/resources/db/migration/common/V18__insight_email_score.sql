-- The email score (0-100) of each generated draft, from DraftGenerated, for "score against reply rate"; null for
-- drafts generated before scores existed. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.
ALTER TABLE insight_draft ADD COLUMN email_score INTEGER;
