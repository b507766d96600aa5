-- The audit trail is append-only for everyone who connects, the application included: rows cannot be updated (except
-- that erasure may replace details by a tombstone, keeping every hashed column), cannot be deleted while younger than
-- 30 days (retention removes older ones), and the table cannot be truncated. Run the application as a role that does
-- not own these tables (GRANT SELECT, INSERT), so it cannot drop or disable these triggers either.
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
           AND (NEW.id, NEW.tenant_id, NEW.seq, NEW.occurred_at, NEW.actor_kind, NEW.actor, NEW.action, NEW.target_type,
                NEW.target_id, NEW.request_id, NEW.subject_ref, NEW.details_hash, NEW.prev_hash, NEW.hash)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.tenant_id, OLD.seq, OLD.occurred_at, OLD.actor_kind, OLD.actor, OLD.action, OLD.target_type,
                OLD.target_id, OLD.request_id, OLD.subject_ref, OLD.details_hash, OLD.prev_hash, OLD.hash)
           AND NEW.details LIKE '{"tombstone":%' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: entry % of tenant % cannot be changed', OLD.seq, OLD.tenant_id
            USING ERRCODE = 'insufficient_privilege';
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.occurred_at < now() - interval '30 days' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: entry % of tenant % is younger than 30 days', OLD.seq, OLD.tenant_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'audit_event cannot be truncated' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard();

-- The head and the anchor only ever move forward.
CREATE FUNCTION audit_position_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.tenant_id = OLD.tenant_id AND NEW.seq > OLD.seq THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '%: a tenant''s audit position only moves forward', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_position_guard();
CREATE TRIGGER audit_anchor_forward BEFORE UPDATE OR DELETE ON audit_anchor
    FOR EACH ROW EXECUTE FUNCTION audit_position_guard();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_position_guard();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
    FOR EACH STATEMENT EXECUTE FUNCTION audit_position_guard();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_head, audit_anchor FROM PUBLIC;
