package com.groundwork.audit.internal;

import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.Drafts;
import com.groundwork.identity.CurrentActor;
import com.groundwork.lead.LeadPrivacy;
import com.groundwork.lead.LeadPrivacy.SubjectLead;
import com.groundwork.lead.Suppressions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * GDPR access and erasure by data subject (their address), within the caller's tenant. Erasure deletes the subject's
 * leads (the lead module publishes {@code LeadErased}, on which drafting deletes their drafts and empties its cache),
 * puts the address on the suppression list as a hash, replaces the details of the audit entries about those leads by
 * tombstones (the chain stays valid) and records the erasure itself; all in one transaction.
 */
@Service
class PrivacyService {

	private final LeadPrivacy leads;
	private final Drafts drafts;
	private final Suppressions suppressions;
	private final AuditService audit;
	private final AuditRepository entries;
	private final CurrentActor currentActor;
	private final JsonMapper mapper;

	PrivacyService(LeadPrivacy leads, Drafts drafts, Suppressions suppressions, AuditService audit,
			AuditRepository entries, CurrentActor currentActor, JsonMapper mapper) {
		this.leads = leads;
		this.drafts = drafts;
		this.suppressions = suppressions;
		this.audit = audit;
		this.entries = entries;
		this.currentActor = currentActor;
		this.mapper = mapper;
	}

	@Transactional
	SubjectExport export(String email) {
		var tenant = currentActor.tenant();
		var held = leads.leadsOf(tenant, email);
		if (held.isEmpty()) {
			throw nothingHeld();
		}
		var subjectDrafts = new ArrayList<DraftSummary>();
		held.forEach(lead -> subjectDrafts.addAll(drafts.forLead(tenant, lead.externalId())));
		var events = entries.aboutSubjects(tenant, refs(held))
			.stream()
			.map(entry -> Map.of("seq", entry.seq(), "occurredAt", entry.occurredAt().toString(), "actor", entry.actor(),
					"action", entry.action(), "target", entry.targetType() + ":" + entry.targetId(), "details",
					mapper.readTree(entry.details())))
			.toList();
		var hash = hash(email);
		audit.append(tenant, AuditRecord.of("privacy.subject-exported", "subject", hash, null,
				Map.of("leads", held.size(), "drafts", subjectDrafts.size(), "events", events.size())));
		return new SubjectExport(hash, audit.now(), suppressions.isSuppressed(tenant, email), held, subjectDrafts, events);
	}

	@Transactional
	SubjectErased erase(String email) {
		var actor = currentActor.require();
		var tenant = actor.tenantId();
		var erased = leads.erase(tenant, email);
		if (erased.isEmpty()) {
			throw nothingHeld();
		}
		suppressions.suppress(tenant, email, "erasure-request", actor.name());
		var refs = erased.stream().map(AuditRecord::lead).toList();
		int tombstoned = audit.tombstone(tenant, refs, "erased on the data subject's request");
		var hash = hash(email);
		audit.append(tenant, AuditRecord.of("privacy.subject-erased", "subject", hash, null,
				Map.of("leads", erased.size(), "entriesTombstoned", tombstoned, "suppressed", true)));
		return new SubjectErased(hash, erased.size(), tombstoned, true);
	}

	private static List<String> refs(List<SubjectLead> held) {
		return held.stream().map(lead -> AuditRecord.lead(lead.externalId())).toList();
	}

	/** The suppression list's form of an address: SHA-256 of it trimmed and lower-cased. */
	static String hash(String email) {
		return CanonicalJson.sha256(email.strip().toLowerCase(Locale.ROOT));
	}

	private static ErrorResponseException nothingHeld() {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"Your tenant holds no lead with this address; nothing to export or erase");
		problem.setTitle("Data subject not found");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

	/** Everything held about a data subject. */
	record SubjectExport(String emailHash, Instant generatedAt, boolean suppressed, List<SubjectLead> leads,
			List<DraftSummary> drafts, List<Map<String, Object>> auditEvents) {
	}

	/** What erasure did. */
	record SubjectErased(String emailHash, int leadsErased, int auditEntriesTombstoned, boolean suppressed) {
	}
}
