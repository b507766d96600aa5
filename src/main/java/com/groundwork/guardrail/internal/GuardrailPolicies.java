package com.groundwork.guardrail.internal;

import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;

/**
 * The policy folder, read and validated once at start-up: {@code policy.yaml} (the default), {@code countries.yaml}
 * (consent by recipient country), {@code tenants/<slug>.yaml} (per-tenant additions) and
 * {@code global-suppressions.txt} (SHA-256 hashes of addresses no tenant may mail). Any mistake stops start-up with
 * the file, the field and the line ({@link PolicyInvalidException}).
 */
final class GuardrailPolicies {

	static final String POLICY = "policy.yaml";
	static final String COUNTRIES = "countries.yaml";
	static final String TENANTS = "tenants";
	static final String GLOBAL_SUPPRESSIONS = "global-suppressions.txt";

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private final Policy defaults;
	private final Map<String, Policy> tenants;
	private final ConsentRules consent;
	private final Set<String> globalSuppressions;

	private GuardrailPolicies(Policy defaults, Map<String, Policy> tenants, ConsentRules consent,
			Set<String> globalSuppressions) {
		this.defaults = defaults;
		this.tenants = Map.copyOf(tenants);
		this.consent = consent;
		this.globalSuppressions = Set.copyOf(globalSuppressions);
	}

	static GuardrailPolicies load(Path dir, Validator validator) {
		var name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
		if (!Files.isDirectory(dir)) {
			throw new PolicyInvalidException(name, List.of("is not a folder (" + dir.toAbsolutePath()
					+ "); set groundwork.guardrails.dir to the guardrails/ folder"));
		}
		var binder = new PolicyBinder(validator);
		var policy = binder.bind(name + "/" + POLICY, resource(dir.resolve(POLICY), name + "/" + POLICY), PolicyFile.class);
		checkPolicy(policy);
		var countries = binder.bind(name + "/" + COUNTRIES, resource(dir.resolve(COUNTRIES), name + "/" + COUNTRIES),
				CountryFile.class);
		var consent = consentRules(countries);
		var defaults = Policy.of(policy.value());
		var tenants = new TreeMap<String, Policy>();
		for (var file : tenantFiles(dir.resolve(TENANTS))) {
			var fileName = name + "/" + TENANTS + "/" + file.getFileName();
			var tenant = binder.bind(fileName, new FileSystemResource(file), TenantPolicyFile.class);
			var slug = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
			if (!slug.equals(tenant.value().tenant())) {
				throw tenant.invalid(List.of(tenant.at("tenant") + ": '" + tenant.value().tenant()
						+ "' differs from the file name; a tenant's file is tenants/<slug>.yaml with tenant: <slug>"));
			}
			tenants.put(slug, Policy.merge(policy.value(), tenant.value()));
		}
		var global = globalSuppressions(dir.resolve(GLOBAL_SUPPRESSIONS), name + "/" + GLOBAL_SUPPRESSIONS);
		return new GuardrailPolicies(defaults, tenants, consent, global);
	}

	/** The tenant's effective policy: the default one with its file's additions, if it has one. */
	Policy forTenant(@Nullable String slug) {
		return slug == null ? defaults : tenants.getOrDefault(slug, defaults);
	}

	ConsentRules consent() {
		return consent;
	}

	/** Whether the address is on the global do-not-contact list (kept as hashes). */
	boolean globallySuppressed(String email) {
		return globalSuppressions.contains(hash(email));
	}

	Set<String> tenantsWithPolicies() {
		return tenants.keySet();
	}

	/** SHA-256 (hex) of the trimmed, lower-cased address: the key of every suppression list. */
	static String hash(String email) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private static FileSystemResource resource(Path file, String name) {
		if (!Files.isRegularFile(file)) {
			throw new PolicyInvalidException(name, List.of("is missing; the guardrails folder must hold it"));
		}
		return new FileSystemResource(file);
	}

	private static void checkPolicy(PolicyBinder.Bound<PolicyFile> policy) {
		var pii = policy.value().pii();
		var problems = new ArrayList<String>();
		if (pii != null && pii.blockTypes() != null && pii.strictTypes() != null) {
			for (int i = 0; i < pii.blockTypes().size(); i++) {
				if (!pii.strictTypes().contains(pii.blockTypes().get(i))) {
					problems.add(policy.at("pii.blockTypes[" + i + "]") + ": " + pii.blockTypes().get(i)
							+ " must also be listed in pii.strict-types");
				}
			}
		}
		problems.addAll(languageProblems(policy));
		if (!problems.isEmpty()) {
			throw policy.invalid(problems);
		}
	}

	/**
	 * Every per-language list names exactly the policy's languages: a language without its list would silently go
	 * unchecked, a list for an unlisted language would never be used.
	 */
	private static List<String> languageProblems(PolicyBinder.Bound<PolicyFile> policy) {
		var file = policy.value();
		var problems = new ArrayList<String>();
		var languages = file.languages();
		if (languages == null || languages.isEmpty()) {
			return problems;
		}
		var seen = new HashSet<String>();
		for (int i = 0; i < languages.size(); i++) {
			if (languages.get(i) != null && !seen.add(languages.get(i))) {
				problems.add(policy.at("languages[" + i + "]") + ": " + languages.get(i) + " is listed twice");
			}
		}
		var lists = new LinkedHashMap<String, @Nullable Map<String, List<String>>>();
		var grounding = file.grounding();
		if (grounding != null) {
			lists.put("grounding.ignoreWords", grounding.ignoreWords());
			lists.put("grounding.exemptNumberUnits", grounding.exemptNumberUnits());
			lists.put("grounding.commonNouns", grounding.commonNouns());
			lists.put("grounding.nounMarkers", grounding.nounMarkers());
		}
		var tone = file.tone();
		if (tone != null) {
			lists.put("tone.bannedPhrases", tone.bannedPhrases());
			lists.put("tone.toxicPhrases", tone.toxicPhrases());
			lists.put("tone.spamTriggers", tone.spamTriggers());
		}
		var headers = file.headers();
		if (headers != null) {
			lists.put("headers.deceptivePhrases", headers.deceptivePhrases());
		}
		var allowed = String.join(", ", languages);
		lists.forEach((field, byLanguage) -> {
			if (byLanguage == null) {
				return;
			}
			if (byLanguage.keySet().stream().anyMatch(key -> key.chars().allMatch(Character::isDigit))) {
				problems.add(policy.at(field) + ": is one list, but this list is given per language: {"
						+ String.join(": [...], ", languages) + ": [...]}");
				return;
			}
			for (var language : byLanguage.keySet()) {
				if (!seen.contains(language)) {
					problems.add(policy.at(field + "." + language) + ": '" + language
							+ "' is not one of the policy's languages (" + allowed
							+ "); add it to languages or give each list as {language: [...]}");
				}
			}
			for (var language : seen) {
				if (!byLanguage.containsKey(language)) {
					problems.add(policy.at(field) + ": has no list for " + language
							+ "; every language in languages needs one (" + language + ": [] when none)");
				}
			}
		});
		var nouns = grounding == null ? null : grounding.commonNouns();
		if (nouns != null) {
			nouns.forEach((language, words) -> {
				for (int i = 0; words != null && i < words.size(); i++) {
					var word = words.get(i);
					if (word != null && word.startsWith("-") && word.strip().length() < 3) {
						problems.add(policy.at("grounding.commonNouns." + language + "[" + i + "]") + ": '" + word
								+ "' is too short; a suffix is a dash and at least two letters, such as -ung");
					}
				}
			});
		}
		return problems;
	}

	private static ConsentRules consentRules(PolicyBinder.Bound<CountryFile> countries) {
		var problems = new ArrayList<String>();
		var byCode = new LinkedHashMap<String, CountryFile.Country>();
		var seen = new HashMap<String, Integer>();
		var list = countries.value().countries();
		for (int i = 0; list != null && i < list.size(); i++) {
			var country = list.get(i);
			var first = seen.putIfAbsent(country.code(), i);
			if (first != null) {
				problems.add(countries.at("countries[" + i + "].code") + ": " + country.code()
						+ " is already listed as countries[" + first + "]");
			}
			var expiry = country.impliedConsentExpiry();
			if (expiry != null && country.regime() != Regime.CONSENT) {
				problems.add(countries.at("countries[" + i + "].impliedConsentExpiry")
						+ ": only a country with regime consent has an implied consent expiry");
			}
			if (expiry != null && (expiry.isNegative() || expiry.isZero())) {
				problems.add(countries.at("countries[" + i + "].impliedConsentExpiry")
						+ ": must be a positive period such as P2Y");
			}
			byCode.put(country.code(), country);
		}
		if (!problems.isEmpty()) {
			throw countries.invalid(problems);
		}
		return new ConsentRules(countries.value().version(), countries.value().unlisted(), byCode);
	}

	private static List<Path> tenantFiles(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(file -> file.getFileName().toString().matches(".+\\.ya?ml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + folder, ex);
		}
	}

	private static Set<String> globalSuppressions(Path file, String name) {
		if (!Files.isRegularFile(file)) {
			return Set.of();
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + name, ex);
		}
		var hashes = new HashSet<String>();
		var problems = new ArrayList<String>();
		for (int i = 0; i < lines.size(); i++) {
			var line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (!SHA256.matcher(line).matches()) {
				problems.add("line " + (i + 1) + ": must be the SHA-256 (64 lower-case hex digits) of a trimmed, "
						+ "lower-cased address, never the address itself");
			}
			hashes.add(line);
		}
		if (!problems.isEmpty()) {
			throw new PolicyInvalidException(name, problems);
		}
		return hashes;
	}
}
