package com.groundwork.guardrail.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code guardrails/policy.yaml}: the policy every tenant starts from. Every section is required, so a missing one
 * stops start-up naming it; tenant files ({@link TenantPolicyFile}) add to it.
 *
 * @param version recorded with every verdict, so a verdict names the policy that produced it
 */
record PolicyFile(@NotBlank @Nullable String version, @NotNull @Valid @Nullable Grounding grounding,
		@NotNull @Valid @Nullable Pii pii, @NotNull @Valid @Nullable Injection injection,
		@NotNull @Valid @Nullable Tone tone, @NotNull @Nullable List<@NotBlank String> competitors,
		@NotNull @Valid @Nullable Links links, @NotNull @Valid @Nullable Headers headers,
		@NotNull @Valid @Nullable Length length, @NotNull @Valid @Nullable Compliance compliance) {

	static final String EMAIL = "[^@\\s]{1,64}@[^@\\s.]{1,63}(\\.[^@\\s.]{1,63})+";

	static final String HTTPS_URL = "https://[^\\s/]+(/\\S*)?";

	/**
	 * @param ignoreWords capitalized words that are not names (weekdays, months, pronouns)
	 * @param exemptNumberUnits a number directly followed by one of these is a meeting detail, not a claim
	 * @param productNames names that are claims wherever they appear, also at the start of a sentence
	 */
	record Grounding(@NotNull @Nullable List<@NotBlank String> ignoreWords,
			@NotNull @Nullable List<@NotBlank String> exemptNumberUnits,
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
	 * @param maxSpamTriggers spam-trigger phrases tolerated in the body (each is still a warning)
	 */
	record Tone(@NotNull @Min(0) @Nullable Integer maxExclamations, @NotNull @Min(0) @Nullable Integer maxShoutedWords,
			@NotNull @Nullable List<@NotBlank String> acronyms, @NotNull @Nullable List<@NotBlank String> bannedPhrases,
			@NotNull @Nullable List<@NotBlank String> toxicPhrases, @NotNull @Nullable List<@NotBlank String> spamTriggers,
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
	 * @param maxCapitalShare share of capital letters above which a subject is shouting
	 */
	record Headers(@NotNull @Nullable List<@NotBlank String> deceptivePrefixes,
			@NotNull @Nullable List<@NotBlank String> deceptivePhrases, @NotNull @Min(10) @Max(998) @Nullable Integer subjectMaxChars,
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
