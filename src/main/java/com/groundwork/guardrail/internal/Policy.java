package com.groundwork.guardrail.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's effective policy: the default policy with the tenant's file added, phrases lower-cased once so that
 * checks never normalize policy text per call.
 *
 * @param version {@code <default version>} or {@code <default version>+<tenant>@<tenant version>}
 * @param languages the policy's languages, the default first
 * @param wordings the word lists of each language, the tenant's banned phrases added to each
 * @param unknownLanguage for a draft of unknown language: the default language's grounding lists and every
 *        language's phrase lists
 * @param optInCountries countries the tenant treats as opt-in beyond the country table
 */
record Policy(String version, @Nullable String tenant, List<String> languages, Map<String, Wording> wordings,
		Wording unknownLanguage, Map<String, Double> numberScales, List<String> productNames, double piiMinScore, Set<String> strictPiiTypes, Set<String> blockPiiTypes,
		Set<String> ignoredPiiTypes, double injectionMinScore, int copiedWords, int flaggedContext,
		int maxExclamations, int maxShoutedWords, Set<String> acronyms, int maxSpamTriggers, List<String> avoidPhrases,
		List<String> competitors, List<String> allowedDomains, boolean requireHttps, Set<String> bareDomainTlds,
		List<String> deceptivePrefixes, int subjectMaxChars, double maxCapitalShare,
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
		var languages = List.copyOf(Objects.requireNonNull(file.languages()));
		var wordings = new LinkedHashMap<String, Wording>();
		for (var language : languages) {
			wordings.put(language, new Wording(language, Set.copyOf(lower(of(grounding.ignoreWords(), language))),
					lower(of(grounding.exemptNumberUnits(), language)), nouns(of(grounding.commonNouns(), language), language),
					suffixes(of(grounding.commonNouns(), language)), Set.copyOf(lower(of(grounding.nounMarkers(), language))),
					concat(of(tone.bannedPhrases(), language), tenant == null ? null : tenant.bannedPhrases()),
					lower(of(tone.toxicPhrases(), language)), lower(of(tone.spamTriggers(), language)),
					lower(of(headers.deceptivePhrases(), language))));
		}
		var fallback = wordings.get(languages.getFirst());
		var unknown = new Wording(fallback.language(), fallback.ignoreWords(), fallback.exemptNumberUnits(), fallback.commonNouns(),
				fallback.nounSuffixes(), fallback.nounMarkers(), union(wordings, Wording::bannedPhrases),
				union(wordings, Wording::toxicPhrases), union(wordings, Wording::spamTriggers),
				union(wordings, Wording::deceptivePhrases));
		return new Policy(Objects.requireNonNull(version), tenant == null ? null : tenant.tenant(), languages,
				Map.copyOf(wordings), unknown, Map.copyOf(Objects.requireNonNull(grounding.numberScales())),
				concat(grounding.productNames(), tenant == null ? null : tenant.productNames()), Objects.requireNonNull(pii.minScore()), Set.copyOf(pii.strictTypes()),
				Set.copyOf(pii.blockTypes()), Set.copyOf(pii.ignoredTypes()),
				Objects.requireNonNull(injection.minScore()), Objects.requireNonNull(injection.copiedWords()),
				Objects.requireNonNull(injection.flaggedContext()), maxExclamations,
				Objects.requireNonNull(tone.maxShoutedWords()), Set.copyOf(tone.acronyms()),
				Objects.requireNonNull(tone.maxSpamTriggers()),
				lower(tenantTone == null ? null : tenantTone.avoidPhrases()),
				concat(file.competitors(), tenant == null ? null : tenant.competitors()),
				concat(links.allowedDomains(), tenant == null ? null : tenant.allowedDomains()),
				Objects.requireNonNull(links.requireHttps()), Set.copyOf(links.bareDomainTlds()),
				lower(headers.deceptivePrefixes()),
				Objects.requireNonNull(headers.subjectMaxChars()), Objects.requireNonNull(headers.maxCapitalShare()),
				Objects.requireNonNull(length.bodyMaxWords()), Objects.requireNonNull(length.bodyMinWords()),
				Objects.requireNonNull(length.sentenceMaxWords()),
				tenant != null && tenant.sender() != null ? tenant.sender() : compliance.sender(),
				tenant != null && tenant.unsubscribeUrl() != null ? tenant.unsubscribeUrl() : compliance.unsubscribeUrl(),
				Objects.requireNonNull(compliance.unknownCountry()),
				tenant == null || tenant.optInCountries() == null ? Set.of() : Set.copyOf(tenant.optInCountries()));
	}

	/**
	 * The word lists of a draft's language (ISO 639-1); a language the policy does not list, or none, gets
	 * {@link #unknownLanguage()}.
	 */
	Wording wording(String language) {
		return wordings.getOrDefault(language, unknownLanguage);
	}

	/** The spam triggers of a language, lower-cased; the default language's for one the policy does not list. */
	List<String> spamTriggers(String language) {
		return wordings.getOrDefault(language, wordings.get(languages.getFirst())).spamTriggers();
	}

	/**
	 * One language's word lists, lower-cased.
	 *
	 * @param language ISO 639-1 (the default language for the lists of an unknown one)
	 * @param commonNouns stems of the nouns whose capitalized words are not names (languages that capitalize nouns)
	 * @param nounSuffixes suffixes of such nouns, lower-case, without the dash
	 */
	record Wording(String language, Set<String> ignoreWords, List<String> exemptNumberUnits, Set<String> commonNouns,
			List<String> nounSuffixes, Set<String> nounMarkers, List<String> bannedPhrases, List<String> toxicPhrases,
			List<String> spamTriggers, List<String> deceptivePhrases) {

		/** Whether the language capitalizes common nouns, so a capitalized word needs more to be a name. */
		boolean capitalizesNouns() {
			return !commonNouns.isEmpty() || !nounSuffixes.isEmpty() || !nounMarkers.isEmpty();
		}

		Stemmer stemmer() {
			return Stemmer.of(language);
		}
	}

	private static @Nullable List<String> of(@Nullable Map<String, List<String>> lists, String language) {
		return lists == null ? null : lists.get(language);
	}

	private static Set<String> nouns(@Nullable List<String> nouns, String language) {
		var stemmer = Stemmer.of(language);
		var stems = new LinkedHashSet<String>();
		for (var noun : nouns == null ? List.<String>of() : nouns) {
			if (!noun.startsWith("-")) {
				stems.addAll(stemmer.stemsOf(noun));
			}
		}
		return Set.copyOf(stems);
	}

	private static List<String> suffixes(@Nullable List<String> nouns) {
		var suffixes = new ArrayList<String>();
		for (var noun : nouns == null ? List.<String>of() : nouns) {
			if (noun.startsWith("-")) {
				suffixes.add(noun.substring(1));
			}
		}
		return lower(suffixes);
	}

	private static List<String> union(Map<String, Wording> wordings, Function<Wording, List<String>> list) {
		var all = new ArrayList<String>();
		wordings.values().forEach(wording -> all.addAll(list.apply(wording)));
		return lower(all);
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
