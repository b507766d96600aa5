package com.groundwork.audit.internal;

import com.groundwork.audit.AuditTrail;
import com.groundwork.audit.ChainVerification;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and verifies the tenants' audit chains. An append joins the caller's transaction (an action and its
 * audit entry commit or roll back together) and holds the tenant's head row until then, so a tenant's entries are
 * chained one after the other even across instances. Within one instance appends take turns first ({@link HeadTurns}).
 */
@Service
class AuditService implements AuditTrail {

	/** Where the request id filter keeps the current request's id. */
	static final String REQUEST_ID = "requestId";

	private final AuditRepository entries;
	private final CurrentActor currentActor;
	private final JsonMapper mapper;
	private final Clock clock;

	private final HeadTurns turns = new HeadTurns(Duration.ofSeconds(30));

	AuditService(AuditRepository entries, CurrentActor currentActor, JsonMapper mapper, Clock clock) {
		this.entries = entries;
		this.currentActor = currentActor;
		this.mapper = mapper;
		this.clock = clock;
	}

	@Transactional
	AuditEntry append(TenantId tenant, AuditRecord record) {
		var actor = currentActor.find();
		var actorKind = record.actorKind() != null ? record.actorKind()
				: actor.map(found -> found.kind().name()).orElse("SYSTEM");
		var actorName = record.actor() != null ? record.actor() : actor.map(found -> found.name()).orElse("system");
		var details = CanonicalJson.of(mapper.valueToTree(record.details()));
		turns.take(tenant);
		var head = entries.lockHead(tenant);
		var unhashed = new AuditEntry(UUID.randomUUID(), tenant.value(), head.seq() + 1,
				clock.instant().truncatedTo(ChronoUnit.MICROS), actorKind, clip(actorName, 200), record.action(),
				record.targetType(), clip(record.targetId(), 200), MDC.get(REQUEST_ID), record.subjectRef(), details,
				CanonicalJson.sha256(details), head.hash(), "", null);
		var entry = new AuditEntry(unhashed.id(), unhashed.tenantId(), unhashed.seq(), unhashed.occurredAt(),
				unhashed.actorKind(), unhashed.actor(), unhashed.action(), unhashed.targetType(), unhashed.targetId(),
				unhashed.requestId(), unhashed.subjectRef(), unhashed.details(), unhashed.detailsHash(),
				unhashed.prevHash(), unhashed.computeHash(), null);
		entries.append(entry);
		return entry;
	}

	@Override
	@Transactional(readOnly = true)
	public ChainVerification verify(TenantId tenant) {
		return entries.verify(tenant);
	}

	/** Erases the details of every entry about these subjects, keeping the chain. */
	@Transactional
	int tombstone(TenantId tenant, Collection<String> subjectRefs, String why) {
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var tombstone = CanonicalJson.of(mapper.valueToTree(Map.of("tombstone", why, "when", now.toString())));
		return entries.tombstone(tenant, subjectRefs, tombstone, now);
	}

	Instant now() {
		return clock.instant();
	}

	private static String clip(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}
}
