package com.groundwork.audit.internal;

import com.groundwork.audit.internal.logging.PiiMasking;
import com.groundwork.campaign.CampaignCompleted;
import com.groundwork.drafting.DraftGenerated;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.DraftChecked;
import com.groundwork.identity.SecurityEvent;
import com.groundwork.knowledge.DocumentIndexed;
import com.groundwork.knowledge.DocumentRemoved;
import com.groundwork.lead.LeadUpserted;
import com.groundwork.review.DraftApproved;
import com.groundwork.review.DraftRejected;
import com.groundwork.review.DraftReleased;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the modules' events and the security events into audit entries. Synchronous, in the publisher's transaction:
 * an action whose entry cannot be written does not happen, and the request's id and actor are still at hand.
 */
@Component
class AuditListeners {

	private final AuditService audit;
	private final Drafts drafts;

	AuditListeners(AuditService audit, Drafts drafts) {
		this.audit = audit;
		this.drafts = drafts;
	}

	@EventListener
	void on(SecurityEvent event) {
		// Paths may carry personal data (a data subject's address): masked like log lines.
		var target = PiiMasking.mask(event.target());
		int colon = target.indexOf(':');
		var type = colon > 0 && !target.contains(" ") ? target.substring(0, colon) : "endpoint";
		var id = colon > 0 && !target.contains(" ") ? target.substring(colon + 1) : target;
		audit.append(event.tenant(), new AuditRecord(event.actorKind(), event.actor(), event.type().action(), type, id,
				null, Map.of("detail", PiiMasking.mask(event.detail()))));
	}

	@EventListener
	void on(LeadUpserted event) {
		audit.append(event.tenant(), AuditRecord.of(event.created() ? "lead.created" : "lead.updated", "lead",
				event.externalId(), AuditRecord.lead(event.externalId()),
				Map.of("version", event.version(), "origin", event.origin().name())));
	}

	@EventListener
	void on(DocumentIndexed event) {
		audit.append(event.tenant(), AuditRecord.of("knowledge.document-indexed", "document",
				event.documentId().toString(), null,
				Map.of("source", event.source(), "contentHash", event.contentHash(), "chunks", event.chunks())));
	}

	@EventListener
	void on(DocumentRemoved event) {
		audit.append(event.tenant(), AuditRecord.of("knowledge.document-removed", "document",
				event.documentId().toString(), null, Map.of("source", event.source())));
	}

	/** The draft's provenance: prompt id@version and variant, model and tier, passages id@hash, feature snapshot. */
	@EventListener
	void on(DraftGenerated event) {
		var details = new LinkedHashMap<String, Object>();
		details.put("leadExternalId", event.leadExternalId());
		details.put("angle", event.angle());
		details.put("prompt", event.prompt());
		details.put("model", event.model());
		details.put("tier", event.tier());
		details.put("featureSnapshot", event.featureSnapshot());
		drafts.find(event.tenant(), event.draftId()).ifPresent(draft -> {
			details.put("variant", draft.variant());
			details.put("channel", draft.channel());
			details.put("passages", draft.passages());
			details.put("requestedBy", draft.requestedBy());
		});
		audit.append(event.tenant(), AuditRecord.of("draft.generated", "draft", event.draftId().toString(),
				AuditRecord.lead(event.leadExternalId()), details));
	}

	/** The reviewer's decision: who approved (and whether they edited), rejected (why) or released (where). */
	@EventListener
	void on(DraftApproved event) {
		audit.append(event.tenant(), AuditRecord.of("draft.approved", "draft", event.draftId().toString(),
				AuditRecord.lead(event.leadExternalId()), Map.of("leadExternalId", event.leadExternalId(), "approvedBy",
						event.approvedBy(), "edited", event.edited(), "editDistance", event.editDistance())));
	}

	@EventListener
	void on(DraftRejected event) {
		var details = new LinkedHashMap<String, Object>();
		details.put("leadExternalId", event.leadExternalId());
		details.put("rejectedBy", event.rejectedBy());
		details.put("reason", event.reason());
		details.put("rework", event.rework());
		if (event.comment() != null) {
			details.put("comment", PiiMasking.mask(event.comment()));
		}
		audit.append(event.tenant(), AuditRecord.of("draft.rejected", "draft", event.draftId().toString(),
				AuditRecord.lead(event.leadExternalId()), details));
	}

	@EventListener
	void on(DraftReleased event) {
		audit.append(event.tenant(), AuditRecord.of("draft.released", "draft", event.draftId().toString(),
				AuditRecord.lead(event.leadExternalId()), Map.of("leadExternalId", event.leadExternalId(), "releasedBy",
						event.releasedBy(), "channels", event.channels())));
	}

	@EventListener
	void on(CampaignCompleted event) {
		audit.append(event.tenant(), AuditRecord.of("campaign." + event.outcome().toLowerCase(java.util.Locale.ROOT),
				"campaign", event.campaignId().toString(), null,
				Map.of("name", event.name(), "counts", new java.util.TreeMap<>(event.counts()))));
	}

	@EventListener
	void on(DraftChecked event) {
		var lead = drafts.find(event.tenant(), event.draftId()).map(draft -> AuditRecord.lead(draft.leadExternalId()))
			.orElse(null);
		audit.append(event.tenant(), AuditRecord.of("draft.checked", "draft", event.draftId().toString(), lead,
				Map.of("verdict", event.verdict(), "findings", event.findings(), "ruleIds", event.ruleIds(),
						"repairs", event.repairs())));
	}
}
