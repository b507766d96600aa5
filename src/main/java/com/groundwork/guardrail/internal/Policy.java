package com.groundwork.guardrail.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's effective policy: the default policy with the tenant's file added, phrases lower-cased once so that
 * checks never normalize policy text per call.
 *
 * @param version {@code <default version>} or {@code <default version>+<tenant>@<tenant version>}
 * @param optInCountries countries the tenant treats as opt-in beyond the country table
 */
record Policy(String version, @Nullable String tenant, Set<String> ignoreWords, List<String> exemptNumberUnits,
		List<String> productNames, double piiMinScore, Set<String> strictPiiTypes, Set<String> blockPiiTypes,
		Set<String> ignoredPiiTypes, double injectionMinScore, int copiedWords, int flaggedContext,
		int maxExclamations, int maxShoutedWords, Set<String> acronyms, List<String> bannedPhrases,
		List<String> toxicPhrases, List<String> spamTriggers, int maxSpamTriggers, List<String> avoidPhrases,
		List<String> competitors, List<String> allowedDomains, boolean requireHttps, Set<String> bareDomainTlds,
		List<String> deceptivePrefixes, List<String> deceptivePhrases, int subjectMaxChars, double maxCapitalShare,
		int bodyMaxWords, int bodyMinWords, int sentenceMaxWords, PolicyFile.@Nullable Sender sender,
		@Nullable String unsubscribeUrl, Regime unknownCountry, Set<String> optInCountries) {

	/** The default policy alone (a tenant without a file of its own). */
	static Policy of(PolicyFile file) {
		return merge(file, null);
	}

	/** The default policy with a tenant's additions; validated files only. */
	static Policy merge(PolicyFile file, @Nullable TenantPolicyFile tenant) {
		var grounding = Objects.requireNonNull(file.grounding());
		var pii = Objects.requireNonNull(file.pii());
		var injection = Objects.requireNonNull(file.injection());
		var tone = Objects.requireNonNull(file.tone());
		var links = Objects.requireNonNull(file.links());
		var headers = Objects.requireNonNull(file.headers());
		var length = Objects.requireNonNull(file.length());
		var compliance = Objects.requireNonNull(file.compliance());
		int maxExclamations = Objects.requireNonNull(tone.maxExclamations());
		var tenantTone = tenant == null ? null : tenant.tone();
		if (tenantTone != null && tenantTone.maxExclamations() != null) {
			maxExclamations = Math.min(maxExclamations, tenantTone.maxExclamations());
		}
		var version = tenant == null ? file.version() : file.version() + "+" + tenant.tenant() + "@" + tenant.version();
		return new Policy(Objects.requireNonNull(version), tenant == null ? null : tenant.tenant(),
				Set.copyOf(lower(grounding.ignoreWords())), lower(grounding.exemptNumberUnits()),
				concat(grounding.productNames(), tenant == null ? null : tenant.productNames()), Objects.requireNonNull(pii.minScore()), Set.copyOf(pii.strictTypes()),
				Set.copyOf(pii.blockTypes()), Set.copyOf(pii.ignoredTypes()),
				Objects.requireNonNull(injection.minScore()), Objects.requireNonNull(injection.copiedWords()),
				Objects.requireNonNull(injection.flaggedContext()), maxExclamations,
				Objects.requireNonNull(tone.maxShoutedWords()), Set.copyOf(tone.acronyms()),
				concat(tone.bannedPhrases(), tenant == null ? null : tenant.bannedPhrases()), lower(tone.toxicPhrases()),
				lower(tone.spamTriggers()), Objects.requireNonNull(tone.maxSpamTriggers()),
				lower(tenantTone == null ? null : tenantTone.avoidPhrases()),
				concat(file.competitors(), tenant == null ? null : tenant.competitors()),
				concat(links.allowedDomains(), tenant == null ? null : tenant.allowedDomains()),
				Objects.requireNonNull(links.requireHttps()), Set.copyOf(links.bareDomainTlds()),
				lower(headers.deceptivePrefixes()), lower(headers.deceptivePhrases()),
				Objects.requireNonNull(headers.subjectMaxChars()), Objects.requireNonNull(headers.maxCapitalShare()),
				Objects.requireNonNull(length.bodyMaxWords()), Objects.requireNonNull(length.bodyMinWords()),
				Objects.requireNonNull(length.sentenceMaxWords()),
				tenant != null && tenant.sender() != null ? tenant.sender() : compliance.sender(),
				tenant != null && tenant.unsubscribeUrl() != null ? tenant.unsubscribeUrl() : compliance.unsubscribeUrl(),
				Objects.requireNonNull(compliance.unknownCountry()),
				tenant == null || tenant.optInCountries() == null ? Set.of() : Set.copyOf(tenant.optInCountries()));
	}

	private static List<String> lower(@Nullable List<String> phrases) {
		if (phrases == null) {
			return List.of();
		}
		var lowered = new LinkedHashSet<String>();
		for (var phrase : phrases) {
			lowered.add(phrase.strip().toLowerCase(Locale.ROOT));
		}
		return List.copyOf(lowered);
	}

	private static List<String> concat(@Nullable List<String> first, @Nullable List<String> second) {
		var all = new ArrayList<String>();
		if (first != null) {
			all.addAll(first);
		}
		if (second != null) {
			all.addAll(second);
		}
		return lower(all);
	}
}
