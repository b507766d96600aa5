package com.groundwork.guardrail;

import com.groundwork.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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

	/**
	 * {@link #recheck(TenantId, UUID, String, String)} of an edit in a given language (ISO 639-1, the stored draft's);
	 * empty keeps the language of the recorded check.
	 */
	Verdict recheck(TenantId tenant, UUID draftId, String subject, String body, String language);

	/**
	 * The spam-trigger phrases of the tenant's policy for a language (ISO 639-1), lower-cased; the policy's default
	 * language (English) for a language it does not list or an empty one.
	 */
	Set<String> spamTriggers(TenantId tenant, String language);

	/** The latest recorded verdict of a draft. */
	Optional<RecordedVerdict> verdictOf(TenantId tenant, UUID draftId);

	/**
	 * The checks to run again just before release: suppression (tenant and global) and consent for the recipient's
	 * country. Empty when the mail may go.
	 */
	List<Finding> releaseChecks(TenantId tenant, Recipient recipient);

	/**
	 * Deletes the recorded verdicts of these drafts (their context holds the recipient and lead facts): erasure of a
	 * data subject, in the caller's transaction.
	 */
	void forget(TenantId tenant, java.util.Collection<UUID> draftIds);

	/**
	 * The text with personal data (e-mails, phones, cards, IBANs, SSNs, IPs, person names, places, street addresses,
	 * postal codes, dates of birth, ages) replaced by {@code <TYPE>}, for logs, audit details and external calls.
	 */
	String mask(String text);

	/**
	 * {@link #mask} for log lines: everything that points at a person is masked, while client addresses (which rate
	 * limits and security audits need) and places on their own (a region names nobody) stay readable.
	 */
	default String maskForLogs(String text) {
		return mask(text);
	}

	/**
	 * Instruction-like content in untrusted text before it reaches a prompt: one finding ({@code injection.*}) per
	 * signal, its span naming the passage ({@code passage:<id>}) or input ({@code input:<name>}). Drafting leaves
	 * what is flagged out of the prompt. Stores nothing.
	 */
	default List<Finding> screen(TenantId tenant, List<DraftCheck.Passage> passages,
			java.util.Map<String, String> untrustedInputs) {
		var probe = new DraftCheck(tenant, null, "screen", "", List.of(), "", passages, java.util.Map.of(),
				untrustedInputs, null);
		return check(probe).findings()
			.stream()
			.filter(finding -> finding.ruleId().startsWith("injection.") && finding.span() != null
					&& (finding.span().field().startsWith("passage:") || finding.span().field().startsWith("input:")))
			.toList();
	}

	/**
	 * The personal data of a text, value → type ({@code EMAIL_ADDRESS}, {@code PERSON}, …), in order of appearance:
	 * what a caller replaces by placeholders before an external model call and puts back afterwards.
	 */
	default java.util.Map<String, String> personalData(TenantId tenant, String text) {
		return java.util.Map.of();
	}

	/**
	 * The tenant's sender as its policy names it: the CAN-SPAM identity and postal address of released mail, and the
	 * policy's one-click unsubscribe endpoint. Empty when the policy names no complete sender.
	 */
	default Optional<Sender> senderOf(TenantId tenant) {
		return Optional.empty();
	}

	/**
	 * Who a tenant's mail is from.
	 *
	 * @param unsubscribeUrl the https one-click unsubscribe endpoint of the policy (RFC 8058), or null
	 */
	record Sender(String name, String email, String postalAddress,
			@Nullable String unsubscribeUrl) {
	}

	/** A verdict as stored. */
	record RecordedVerdict(UUID draftId, Verdict verdict, int repairs, String policyVersion,
			java.time.Instant checkedAt) {
	}
}
