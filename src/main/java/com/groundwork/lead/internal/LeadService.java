package com.groundwork.lead.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.LeadUpserted;
import com.groundwork.lead.LeadUpserted.Origin;
import com.groundwork.lead.Suppressions;
import com.groundwork.lead.internal.contract.ConsentStatus;
import com.groundwork.lead.internal.contract.LeadV2;
import com.groundwork.lead.internal.store.LeadRepository;
import com.groundwork.lead.internal.store.StoredLead;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes leads: upserts and sequenced CRM changes. Each change that alters a lead publishes {@link LeadUpserted} in
 * its transaction, and a withdrawn consent puts the address on the suppression list in the same transaction.
 */
@Service
public class LeadService {

	private final LeadRepository leads;
	private final Suppressions suppressions;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	LeadService(LeadRepository leads, Suppressions suppressions, ApplicationEventPublisher events, Clock clock) {
		this.leads = leads;
		this.suppressions = suppressions;
		this.events = events;
		this.clock = clock;
	}

	/** What an upsert did. */
	public enum Result {
		CREATED, UPDATED, UNCHANGED
	}

	public record Upserted(StoredLead lead, Result result) {
	}

	/** What a sequenced change did: applied, or ignored as a duplicate or an out-of-order (older) event. */
	public enum SequenceOutcome {
		APPLIED, DUPLICATE, OUT_OF_ORDER
	}

	public record Sequenced(StoredLead lead, SequenceOutcome outcome) {
	}

	/** Creates the lead or replaces its contract; an identical contract changes nothing and publishes nothing. */
	@Transactional
	public Upserted upsert(TenantId tenant, LeadV2 lead, Origin origin) {
		var now = now();
		var existing = leads.findForUpdate(tenant, lead.id());
		if (existing.isEmpty()) {
			StoredLead created;
			try {
				created = leads.insert(tenant, lead, now);
			}
			catch (DuplicateKeyException raced) {
				throw new LeadProblems.ConcurrentChangeException(lead.id());
			}
			changed(created, true, origin);
			return new Upserted(created, Result.CREATED);
		}
		var current = existing.get();
		if (current.lead().equals(lead)) {
			return new Upserted(current, Result.UNCHANGED);
		}
		var updated = leads.update(current, lead, current.lastSequence(), now);
		changed(updated, false, origin);
		return new Upserted(updated, Result.UPDATED);
	}

	/**
	 * Applies a change that carries a per-lead sequence number (a CRM event), once and in order: a sequence at or
	 * below the last applied one is ignored and reported as such.
	 * @throws LeadNotFoundException when the tenant has no such lead
	 */
	@Transactional
	public Sequenced applySequenced(TenantId tenant, String externalId, long sequence, UnaryOperator<LeadV2> change) {
		var current = leads.findForUpdate(tenant, externalId).orElseThrow(() -> new LeadNotFoundException(externalId));
		if (sequence == current.lastSequence()) {
			return new Sequenced(current, SequenceOutcome.DUPLICATE);
		}
		if (sequence < current.lastSequence()) {
			return new Sequenced(current, SequenceOutcome.OUT_OF_ORDER);
		}
		var updated = leads.update(current, change.apply(current.lead()), sequence, now());
		if (updated.version() > current.version()) {
			changed(updated, false, Origin.CRM_EVENT);
		}
		return new Sequenced(updated, SequenceOutcome.APPLIED);
	}

	/** Timestamps as the database keeps them (microseconds), so what is answered equals what is read back. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private void changed(StoredLead lead, boolean created, Origin origin) {
		events.publishEvent(new LeadUpserted(lead.tenant(), lead.id(), lead.externalId(), lead.version(), created, origin,
				lead.updatedAt()));
		if (lead.lead().requireConsent().status() == ConsentStatus.WITHDRAWN) {
			suppressions.suppress(lead.tenant(), lead.lead().requireContact().email(), "consent-withdrawn",
					"lead " + lead.externalId());
		}
	}
}
