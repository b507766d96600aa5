package com.groundwork.guardrail;

import com.groundwork.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The guardrails' public API: the only way a draft gets a verdict. */
public interface Guardrails {

	/** Runs every check of the tenant's policy on a draft; stores nothing. */
	Verdict check(DraftCheck check);

	/**
	 * Records the verdict of a stored draft ({@link DraftCheck#draftId()} required) after {@code repairs} repair
	 * rounds and publishes {@link DraftChecked}, in the caller's transaction.
	 */
	RecordedVerdict record(DraftCheck check, Verdict verdict, int repairs);

	/**
	 * Checks a reviewer's edit of a recorded draft against the context of its recorded check (passages, lead facts,
	 * untrusted inputs, recipient); stores nothing. The edited body is split into sentences; a factual sentence is
	 * grounded when its claims appear in a passage the original draft cited or in the lead's facts.
	 * @throws java.util.NoSuchElementException when the draft has no recorded check in this tenant
	 */
	Verdict recheck(TenantId tenant, UUID draftId, String subject, String body);

	/** The latest recorded verdict of a draft. */
	Optional<RecordedVerdict> verdictOf(TenantId tenant, UUID draftId);

	/**
	 * The checks to run again just before release: suppression (tenant and global) and consent for the recipient's
	 * country. Empty when the mail may go.
	 */
	List<Finding> releaseChecks(TenantId tenant, Recipient recipient);

	/** The text with personal data (emails, phones, cards, IBANs, SSNs, IPs) masked, for logs and external calls. */
	String mask(String text);

	/** A verdict as stored. */
	record RecordedVerdict(UUID draftId, Verdict verdict, int repairs, String policyVersion,
			java.time.Instant checkedAt) {
	}
}
