package com.groundwork.audit.internal;

import com.groundwork.audit.AuditTrail;
import com.groundwork.audit.ChainVerification;
import com.groundwork.identity.CurrentActor;
import com.groundwork.identity.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to and verifies the tenants' audit chains. An append joins the caller's transaction: an action and its audit
 * entry commit or roll back together. The entry is chained just before that transaction commits (seq, previous hash,
 * hash, under the tenant's head row, which is held until the commit), so the tenant's entries are chained one after the
 * other even across instances, while everything else the transaction does runs beside other transactions of the
 * tenant. Within one instance appends take turns first ({@link HeadTurns}).
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

	/** Records an entry in the current transaction (or its own); it is chained when that transaction commits. */
	@Transactional
	void append(TenantId tenant, AuditRecord record) {
		var actor = currentActor.find();
		var actorKind = record.actorKind() != null ? record.actorKind()
				: actor.map(found -> found.kind().name()).orElse("SYSTEM");
		var actorName = record.actor() != null ? record.actor() : actor.map(found -> found.name()).orElse("system");
		var details = CanonicalJson.of(mapper.valueToTree(record.details()));
		var pending = new Pending(tenant, UUID.randomUUID(), actorKind, clip(actorName, 200), record.action(),
				record.targetType(), clip(record.targetId(), 200), MDC.get(REQUEST_ID), record.subjectRef(), details,
				CanonicalJson.sha256(details));
		var chaining = (Chaining) TransactionSynchronizationManager.getResource(this);
		if (chaining == null) {
			chaining = new Chaining();
			TransactionSynchronizationManager.bindResource(this, chaining);
			TransactionSynchronizationManager.registerSynchronization(chaining);
		}
		chaining.pending.add(pending);
	}

	/** An entry waiting for its transaction's commit to be chained. */
	private record Pending(TenantId tenant, UUID id, String actorKind, String actor, String action, String targetType,
			String targetId, @Nullable String requestId, @Nullable String subjectRef, String details,
			String detailsHash) {
	}

	/** Chains the transaction's entries, tenant by tenant in the order they were appended, as it commits. */
	private final class Chaining implements TransactionSynchronization {

		private final List<Pending> pending = new ArrayList<>();

		@Override
		public void beforeCommit(boolean readOnly) {
			var byTenant = new LinkedHashMap<TenantId, List<Pending>>();
			pending.forEach(entry -> byTenant.computeIfAbsent(entry.tenant(), tenant -> new ArrayList<>()).add(entry));
			for (var tenantEntries : byTenant.entrySet()) {
				chain(tenantEntries.getKey(), tenantEntries.getValue());
			}
			pending.clear();
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(AuditService.this);
		}
	}

	private void chain(TenantId tenant, List<Pending> entries) {
		turns.take(tenant);
		var head = this.entries.lockHead(tenant);
		var occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		long seq = head.seq();
		var previous = head.hash();
		var chained = new ArrayList<AuditEntry>(entries.size());
		for (var pending : entries) {
			var entry = new AuditEntry(pending.id(), tenant.value(), ++seq, occurredAt, pending.actorKind(),
					pending.actor(), pending.action(), pending.targetType(), pending.targetId(), pending.requestId(),
					pending.subjectRef(), pending.details(), pending.detailsHash(), previous, "", null).hashed();
			chained.add(entry);
			previous = entry.hash();
		}
		this.entries.append(chained);
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
