package com.groundwork.guardrail.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code guardrails/policy.yaml}: the policy every tenant starts from. Every section is required, so a missing one
 * stops start-up naming it; tenant files ({@link TenantPolicyFile}) add to it.
 *
 * Word lists that depend on the language are maps, language (ISO 639-1) → list; every language of
 * {@code languages} needs its list and no other language may appear ({@link GuardrailPolicies} checks both).
 *
 * @param version recorded with every verdict, so a verdict names the policy that produced it
 * @param languages the languages drafts are written in (ISO 639-1); the first is the default for an unknown language
 */
record PolicyFile(@NotBlank @Nullable String version,
		@NotEmpty @Nullable List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as de") String> languages,
		@NotNull @Valid @Nullable Grounding grounding,
		@NotNull @Valid @Nullable Pii pii, @NotNull @Valid @Nullable Injection injection,
		@NotNull @Valid @Nullable Tone tone, @NotNull @Nullable List<@NotBlank String> competitors,
		@NotNull @Valid @Nullable Links links, @NotNull @Valid @Nullable Headers headers,
		@NotNull @Valid @Nullable Length length, @NotNull @Valid @Nullable Compliance compliance) {

	static final String EMAIL = "[^@\\s]{1,64}@[^@\\s.]{1,63}(\\.[^@\\s.]{1,63})+";

	static final String HTTPS_URL = "https://[^\\s/]+(/\\S*)?";

	/**
	 * @param ignoreWords capitalized words that are not names (weekdays, months, pronouns), per language
	 * @param exemptNumberUnits a number directly followed by one of these words or phrases is a meeting detail
	 * @param commonNouns for languages that capitalize nouns: nouns (also compound heads) and suffixes ({@code -ung})
	 *        whose capitalized words are not names
	 * @param nounMarkers for languages that capitalize nouns: words after which a capitalized word is a noun
	 * @param numberScales words that multiply the number before them ({@code mio} → 1000000), any language
	 * @param productNames names that are claims wherever they appear, also at the start of a sentence
	 */
	record Grounding(@NotNull @Nullable Map<String, List<@NotBlank String>> ignoreWords,
			@NotNull @Nullable Map<String, List<@NotBlank String>> exemptNumberUnits,
			@NotNull @Nullable Map<String, List<@NotBlank String>> commonNouns,
			@NotNull @Nullable Map<String, List<@NotBlank String>> nounMarkers,
			@NotNull @Nullable Map<@Pattern(regexp = "\\p{Ll}+", message = "must be a lower-case word such as mio") String, @NotNull @DecimalMin(value = "0", inclusive = false) Double> numberScales,
			@NotNull @Nullable List<@NotBlank String> productNames) {
	}

	/**
	 * @param minScore entities the detector is less sure of are ignored
	 * @param strictTypes refused in a draft unless they are the lead's own allowed value
	 * @param blockTypes of those, the ones that block the draft instead of asking for a repair
	 * @param ignoredTypes never reported (e.g. dates)
	 */
	record Pii(@NotNull @DecimalMin("0") @DecimalMax("1") @Nullable Double minScore,
			@NotNull @Nullable List<@Pattern(regexp = "[A-Z][A-Z_]*", message = "must be an entity type such as EMAIL_ADDRESS") String> strictTypes,
			@NotNull @Nullable List<@Pattern(regexp = "[A-Z][A-Z_]*", message = "must be an entity type such as CREDIT_CARD") String> blockTypes,
			@NotNull @Nullable List<@Pattern(regexp = "[A-Z][A-Z_]*", message = "must be an entity type such as DATE_TIME") String> ignoredTypes) {
	}

	/**
	 * @param minScore signals the detector is less sure of are ignored
	 * @param copiedWords this many consecutive words of a flagged span found in a draft count as copied
	 * @param flaggedContext characters around a signal that count as the flagged span
	 */
	record Injection(@NotNull @DecimalMin("0") @DecimalMax("1") @Nullable Double minScore,
			@NotNull @Min(3) @Max(20) @Nullable Integer copiedWords,
			@NotNull @Min(0) @Max(2000) @Nullable Integer flaggedContext) {
	}

	/**
	 * @param maxShoutedWords all-capital words of four letters or more that are not acronyms
	 * @param bannedPhrases per language
	 * @param toxicPhrases per language
	 * @param spamTriggers per language
	 * @param maxSpamTriggers spam-trigger phrases tolerated in the body (each is still a warning)
	 */
	record Tone(@NotNull @Min(0) @Nullable Integer maxExclamations, @NotNull @Min(0) @Nullable Integer maxShoutedWords,
			@NotNull @Nullable List<@NotBlank String> acronyms,
			@NotNull @Nullable Map<String, List<@NotBlank String>> bannedPhrases,
			@NotNull @Nullable Map<String, List<@NotBlank String>> toxicPhrases,
			@NotNull @Nullable Map<String, List<@NotBlank String>> spamTriggers,
			@NotNull @Min(0) @Nullable Integer maxSpamTriggers) {
	}

	/**
	 * @param allowedDomains hosts a draft may link to (subdomains included)
	 * @param bareDomainTlds a bare {@code name.tld} without a scheme counts as a link for these top-level domains
	 */
	record Links(@NotNull @Nullable List<@Pattern(regexp = "[a-z0-9-]+(\\.[a-z0-9-]+)+", message = "must be a lower-case host name such as acme-ops.example") String> allowedDomains,
			@NotNull @Nullable Boolean requireHttps,
			@NotNull @Nullable List<@Pattern(regexp = "[a-z]{2,24}", message = "must be a top-level domain such as com") String> bareDomainTlds) {
	}

	/**
	 * @param deceptivePrefixes reply and forward markers ({@code re}, {@code fwd}) a first contact must not carry
	 * @param deceptivePhrases per language
	 * @param maxCapitalShare share of capital letters above which a subject is shouting
	 */
	record Headers(@NotNull @Nullable List<@NotBlank String> deceptivePrefixes,
			@NotNull @Nullable Map<String, List<@NotBlank String>> deceptivePhrases, @NotNull @Min(10) @Max(998) @Nullable Integer subjectMaxChars,
			@NotNull @DecimalMin("0") @DecimalMax("1") @Nullable Double maxCapitalShare) {
	}

	record Length(@NotNull @Min(1) @Nullable Integer bodyMaxWords, @NotNull @Min(0) @Nullable Integer bodyMinWords,
			@NotNull @Min(1) @Nullable Integer sentenceMaxWords) {
	}

	/**
	 * @param sender who the mail is from (CAN-SPAM), usually set per tenant
	 * @param unsubscribeUrl the https one-click unsubscribe endpoint (RFC 8058), usually set per tenant
	 * @param unknownCountry the consent regime of a recipient whose country is not known
	 */
	record Compliance(@Valid @Nullable Sender sender,
			@Pattern(regexp = HTTPS_URL, message = "must be an https URL (RFC 8058 one-click unsubscribe)") @Nullable String unsubscribeUrl,
			@NotNull(message = "must be one of opt-in, consent, opt-out") @Nullable Regime unknownCountry) {
	}

	/** The sender of a tenant's mail, as CAN-SPAM requires it in every message. */
	record Sender(@NotBlank @Nullable String name,
			@NotBlank @Pattern(regexp = EMAIL, message = "must be an e-mail address") @Nullable String email,
			@NotBlank(message = "must be the sender's valid physical postal address (CAN-SPAM)") @Nullable String postalAddress) {
	}
}
