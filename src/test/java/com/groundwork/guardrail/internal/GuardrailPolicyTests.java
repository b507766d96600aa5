package com.groundwork.guardrail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy folder binds to validated records; every kind of mistake stops start-up with the file, the field as
 * written and its line. Each test breaks a copy of the shipped folder in one way.
 */
class GuardrailPolicyTests {

	static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	@TempDir
	Path dir;

	Path guardrails;

	@BeforeEach
	void copyTheShippedFolder() throws IOException {
		guardrails = dir.resolve("guardrails");
		try (Stream<Path> files = Files.walk(Path.of("guardrails"))) {
			for (var file : files.toList()) {
				var target = guardrails.resolve(Path.of("guardrails").relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	GuardrailPolicies load() {
		return GuardrailPolicies.load(guardrails, VALIDATOR);
	}

	void replace(String file, String from, String to) throws IOException {
		var path = guardrails.resolve(file);
		var text = Files.readString(path);
		assertThat(text).contains(from);
		Files.writeString(path, text.replace(from, to));
	}

	/** The problem message, after checking it names the file. */
	String problem(String file) {
		var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(PolicyInvalidException.class, this::load);
		assertThat(thrown).as("the folder was accepted").isNotNull();
		assertThat(thrown.file()).isEqualTo("guardrails/" + file);
		assertThat(thrown.getMessage()).startsWith("Guardrail policy guardrails/" + file + " is invalid: ");
		return thrown.getMessage();
	}

	@Test
	void theShippedFolderLoads() {
		var policies = load();
		var acme = policies.forTenant("acme");
		assertThat(acme.version()).isEqualTo("2026.11-1+acme@1");
		assertThat(acme.sender()).isNotNull();
		assertThat(acme.unsubscribeUrl()).startsWith("https://");
		assertThat(acme.competitors()).contains("freightflux");
		assertThat(acme.allowedDomains()).containsExactly("acme-ops.example");
		assertThat(policies.forTenant("globex").optInCountries()).containsExactly("SG");
		assertThat(policies.forTenant("unknown-tenant").sender()).isNull();
		assertThat(policies.consent().ruleOf("de", acme).regime()).isEqualTo(Regime.OPT_IN);
		assertThat(policies.consent().ruleOf("NO", acme).regime()).isEqualTo(Regime.OPT_IN);
		assertThat(policies.consent().ruleOf("CA", acme).impliedConsentExpiry()).isEqualTo(Period.ofYears(2));
		assertThat(policies.consent().ruleOf("US", acme).regime()).isEqualTo(Regime.OPT_OUT);
		assertThat(policies.consent().ruleOf("AE", acme).regime()).isEqualTo(Regime.CONSENT);
		assertThat(policies.globallySuppressed(" Do-Not-Contact@Blocked.example")).isTrue();
		assertThat(policies.globallySuppressed("dana@northwind.example")).isFalse();
	}

	@Test
	void aMissingFolderOrFileNamesIt() throws IOException {
		assertThatThrownBy(() -> GuardrailPolicies.load(dir.resolve("nowhere"), VALIDATOR))
			.isInstanceOf(PolicyInvalidException.class)
			.hasMessageContaining("nowhere is invalid: is not a folder")
			.hasMessageContaining("groundwork.guardrails.dir");
		Files.delete(guardrails.resolve("countries.yaml"));
		assertThat(problem("countries.yaml")).contains("is missing");
	}

	@Test
	void yamlThatDoesNotParse() throws IOException {
		replace("policy.yaml", "  max-exclamations: 1", "  max-exclamations: [1");
		assertThat(problem("policy.yaml")).contains("is not valid YAML").contains("line");
	}

	@Test
	void anUnknownKeyNamesItAndItsLine() throws IOException {
		replace("policy.yaml", "  max-exclamations: 1", "  max-exclamation: 1");
		assertThat(problem("policy.yaml")).contains("tone.max-exclamation (line 85): is not a field here");
	}

	@Test
	void aValueOfTheWrongType() throws IOException {
		replace("policy.yaml", "  max-exclamations: 1", "  max-exclamations: many");
		assertThat(problem("policy.yaml")).contains("tone.max-exclamations (line 85): 'many' is not a whole number");
		copyTheShippedFolderAgain();
		replace("countries.yaml", "implied-consent-expiry: P2Y", "implied-consent-expiry: two years");
		assertThat(problem("countries.yaml")).contains("countries[32].implied-consent-expiry (line 44): 'two years' is not an ISO-8601 period");
	}

	@Test
	void anUnknownEnumValueNamesTheAllowedOnes() throws IOException {
		replace("policy.yaml", "unknown-country: opt-in", "unknown-country: maybe");
		assertThat(problem("policy.yaml")).contains("compliance.unknown-country").contains("'maybe' is not one of opt-in, consent, opt-out");
	}

	@Test
	void aMissingSectionIsNamed() throws IOException {
		replace("policy.yaml", "length:\n  body-max-words: 180\n  body-min-words: 15\n  sentence-max-words: 45\n", "");
		assertThat(problem("policy.yaml")).contains("length: must not be null");
		copyTheShippedFolderAgain();
		replace("policy.yaml", "  sentence-max-words: 45\n", "");
		assertThat(problem("policy.yaml")).contains("length.sentence-max-words (line 143)").contains("must not be null");
	}

	@Test
	void constraintViolationsSayWhatIsExpected() throws IOException {
		replace("tenants/acme.yaml", "unsubscribe-url: https://acme-ops.example/unsubscribe",
				"unsubscribe-url: http://acme-ops.example/unsubscribe");
		replace("tenants/acme.yaml", "email: outreach@acme-ops.example", "email: outreach-at-acme");
		replace("tenants/acme.yaml", "allowed-domains: [acme-ops.example]", "allowed-domains: [Acme Ops]");
		var message = problem("tenants/acme.yaml");
		assertThat(message).contains("unsubscribe-url (line 16): must be an https URL (RFC 8058 one-click unsubscribe)")
			.contains("sender.email (line 14): must be an e-mail address")
			.contains("allowed-domains[0] (line 8): must be a lower-case host name");
	}

	@Test
	void anUnquotedNorwayIsCaught() throws IOException {
		replace("countries.yaml", "{code: \"NO\",", "{code: NO,");
		assertThat(problem("countries.yaml")).contains("countries[29].code (line 41): must be an ISO 3166-1 alpha-2 code");
	}

	@Test
	void rulesAcrossFields() throws IOException {
		replace("countries.yaml", "{code: \"AT\", regime: opt-in,", "{code: \"DE\", regime: opt-in, implied-consent-expiry: P1Y,");
		var countries = problem("countries.yaml");
		assertThat(countries).contains("countries[10].code (line 22): DE is already listed as countries[0]")
			.contains("countries[0].implied-consent-expiry (line 12): only a country with regime consent has an implied consent expiry");

		copyTheShippedFolderAgain();
		replace("policy.yaml", "block-types: [CREDIT_CARD,", "block-types: [PERSON, CREDIT_CARD,");
		assertThat(problem("policy.yaml")).contains("pii.block-types[0] (line 71): PERSON must also be listed in pii.strict-types");

		copyTheShippedFolderAgain();
		replace("tenants/globex.yaml", "tenant: globex", "tenant: acme");
		assertThat(problem("tenants/globex.yaml")).contains("tenant (line 2): 'acme' differs from the file name");
	}

	@Test
	void perLanguageListsNameEveryLanguageAndNoOther() throws IOException {
		replace("policy.yaml", "    de: [Idiot, Idioten,", "    fr: [Idiot, Idioten,");
		var message = problem("policy.yaml");
		assertThat(message).contains("tone.toxic-phrases.fr (line " + lineOf("    fr: [Idiot") + "): 'fr' is not one of the policy's languages (en, de)")
			.contains("tone.toxic-phrases (line " + (lineOf("  toxic-phrases:") + 1) + "): has no list for de");

		copyTheShippedFolderAgain();
		replace("policy.yaml", "languages: [en, de]", "languages: [en, deutsch]");
		assertThat(problem("policy.yaml")).contains("languages[1] (line 8): must be an ISO 639-1 code such as de");
		replace("policy.yaml", "languages: [en, deutsch]", "languages: [en, de, en]");
		assertThat(problem("policy.yaml")).contains("languages[2] (line 8): en is listed twice");

		copyTheShippedFolderAgain();
		replace("policy.yaml", "    de: [-ung,", "    de: [-u, -ung,");
		assertThat(problem("policy.yaml")).contains("grounding.common-nouns.de[0] (line " + lineOf("    de: [-u, -ung,")
				+ "): '-u' is too short");
	}

	@Test
	void aListWhereTheLanguagesAreExpectedIsRefused() throws IOException {
		// The shape before languages: one list.
		var path = guardrails.resolve("policy.yaml");
		var text = Files.readString(path);
		var block = text.substring(text.indexOf("  toxic-phrases:\n"), text.indexOf("  # Spam-trigger wording"));
		Files.writeString(path, text.replace(block, "  toxic-phrases: [idiot, stupid]\n"));
		var message = problem("policy.yaml");
		assertThat(message).endsWith("tone.toxic-phrases (line " + lineOf("  toxic-phrases:")
				+ "): is one list, but this list is given per language: {en: [...], de: [...]}");
	}

	/** The line of the shipped file's line that starts with {@code start}. */
	private int lineOf(String start) throws IOException {
		var lines = Files.readAllLines(guardrails.resolve("policy.yaml"));
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(start)) {
				return i + 1;
			}
		}
		throw new AssertionError("no line starts with " + start);
	}

	@Test
	void theGlobalSuppressionListHoldsOnlyHashes() throws IOException {
		Files.writeString(guardrails.resolve("global-suppressions.txt"), "# hashes\nsomeone@example.com\n", java.nio.file.StandardOpenOption.APPEND);
		assertThat(problem("global-suppressions.txt")).contains("line 8: must be the SHA-256").contains("never the address itself");
	}

	private void copyTheShippedFolderAgain() throws IOException {
		try (Stream<Path> files = Files.walk(guardrails)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		copyTheShippedFolder();
	}
}
