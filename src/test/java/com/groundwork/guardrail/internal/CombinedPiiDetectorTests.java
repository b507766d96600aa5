package com.groundwork.guardrail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The combined personal-data detector with the committed OpenNLP model (guardrails/models/pii-names.bin), the context
 * rules and the patterns, on CRM-note-like text in English and German; and the names that are not personal data.
 */
class CombinedPiiDetectorTests {

	static final CombinedPiiDetector DETECTOR = CombinedPiiDetector.withModel(Path.of("guardrails"), Path.of("knowledge"));

	static List<String> found(String text, String type) {
		return DETECTOR.detect(text).stream().filter(entity -> entity.type().equals(type)).map(PiiEntity::value).toList();
	}

	@Test
	void theCommittedModelIsLoaded() {
		assertThat(DETECTOR.learned()).isTrue();
	}

	@Test
	void findsNamesPlacesAndStreetsInAnEnglishCrmNote() {
		var note = "Spoke with Jonathan Whitaker on Tuesday; he moved from Manchester to Toronto and now lives at "
				+ "42 Maple Avenue. His assistant Priya Raman will send the signed form.";
		assertThat(found(note, "PERSON")).contains("Jonathan Whitaker", "Priya Raman");
		assertThat(found(note, "LOCATION")).contains("Manchester", "Toronto");
		assertThat(found(note, "STREET_ADDRESS")).anySatisfy(value -> assertThat(value).contains("42 Maple Avenue"));
	}

	@Test
	void findsNamesPlacesAndStreetsInAGermanCrmNote() {
		var note = "Notiz: Herr Jonas Becker wohnt in Hamburg, Lindenstraße 12, PLZ 80331. Rückruf durch Frau Sabine Krüger.";
		assertThat(found(note, "PERSON")).contains("Jonas Becker");
		assertThat(found(note, "PERSON")).anySatisfy(value -> assertThat(value).contains("Krüger"));
		assertThat(found(note, "LOCATION")).contains("Hamburg");
		assertThat(found(note, "STREET_ADDRESS")).anySatisfy(value -> assertThat(value).contains("Lindenstraße 12"));
		assertThat(found("Lieferung bitte an PLZ 80331 in München.", "ZIP_CODE")).containsExactly("80331");
	}

	@Test
	void findsDatesOfBirthAndAges() {
		assertThat(found("Contact details: DOB 14/03/1981, prefers e-mail.", "DATE_OF_BIRTH")).containsExactly("14/03/1981");
		assertThat(found("She was born on March 3, 1975 in Leeds.", "DATE_OF_BIRTH")).containsExactly("March 3, 1975");
		assertThat(found("Kunde ist geboren am 02.05.1968 und 56 Jahre alt.", "DATE_OF_BIRTH")).containsExactly("02.05.1968");
		assertThat(found("Kunde ist geboren am 02.05.1968 und 56 Jahre alt.", "AGE")).containsExactly("56");
		assertThat(found("The buyer is 42 years old and aged 42 in the file.", "AGE")).containsExactly("42", "42");
		assertThat(found("Zip: 94107, order 12 years old stock", "ZIP_CODE")).containsExactly("94107");
	}

	@Test
	void patternTypesStayAndNothingOverlaps() {
		var text = "Mr. Daniel Fischer (daniel.fischer@northwind.example, +49 30 1234567) paid with 4111 1111 1111 1111.";
		var entities = DETECTOR.detect(text);
		assertThat(entities).extracting(PiiEntity::type)
			.contains("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD");
		for (int i = 1; i < entities.size(); i++) {
			assertThat(entities.get(i).start()).isGreaterThanOrEqualTo(entities.get(i - 1).end());
		}
		assertThat(DETECTOR.detect(text)).isEqualTo(entities);
	}

	@Test
	void neverThrowsOnOddInput() {
		for (var text : List.of("", " ", "\u0000\uFFFF", "Mr.", "\n\n\n", "ß".repeat(5000), "Herr " + "A".repeat(3000))) {
			assertThat(DETECTOR.detect(text)).isNotNull();
		}
	}

	@Test
	void knowledgeBaseCustomerAndProductNamesAreNotPersonalData() {
		var names = KnowledgeNames.of(Path.of("knowledge"));
		assertThat(names.contains("Ledgerline Payments")).isTrue();
		assertThat(names.contains("Kessler")).isTrue();
		var text = "Ledgerline Payments and Kessler Kühllogistik run Acme OrderFlow and DockPilot.";
		assertThat(DETECTOR.detect(text)).extracting(PiiEntity::value)
			.noneMatch(value -> value.contains("Ledgerline") || value.contains("Kessler") || value.contains("DockPilot"));
	}

	@Test
	void theLeadsOwnNameIsNotFlaggedButAnotherPersonIs() {
		var checks = checks();
		var sentences = new ArrayList<DraftCheck.Sentence>();
		sentences.add(new DraftCheck.Sentence("Hi Dana,", List.of()));
		sentences.add(new DraftCheck.Sentence("Teams like Northwind Logistics have seen results like this one.", List.of()));
		var own = new DraftCheck(GuardrailChecksTests.ACME, null, "api", "An idea for Northwind Logistics", sentences,
				"Open to a call?", List.of(), GuardrailChecksTests.FACTS, Map.of(), GuardrailChecksTests.US_IMPLIED);
		assertThat(checks.check(own, "acme", GuardrailChecksTests.TODAY).findings()).extracting(Finding::ruleId)
			.noneMatch(id -> id.startsWith("pii."));
		var other = new ArrayList<>(sentences);
		other.add(new DraftCheck.Sentence("Met Jonathan Whitaker at the fair in Rotterdam; he asked me to write.", List.of()));
		var withOther = new DraftCheck(GuardrailChecksTests.ACME, null, "api", "An idea for Northwind Logistics", other,
				"Open to a call?", List.of(), GuardrailChecksTests.FACTS, Map.of(), GuardrailChecksTests.US_IMPLIED);
		assertThat(checks.check(withOther, "acme", GuardrailChecksTests.TODAY).findings()).extracting(Finding::ruleId)
			.contains("pii.person");
	}

	@Test
	void maskingBeforeAModelCallMasksAFoundName() {
		var checks = checks();
		var note = "Met Jonathan Whitaker at the fair in Rotterdam; follow up next week.";
		assertThat(checks.personalData(note, "acme")).containsEntry("Jonathan Whitaker", "PERSON");
		assertThat(checks.mask(note)).contains("<PERSON>").doesNotContain("Whitaker");
	}

	@Test
	void aLogLineKeepsClientAddressesAndPlacesButNotPeople() {
		var checks = checks();
		var line = "Met Jonathan Whitaker at the fair in Rotterdam, request from 127.0.0.1:54329, region EU";

		assertThat(checks.maskForLogs(line)).contains("<PERSON>")
			.doesNotContain("Whitaker")
			.contains("127.0.0.1:54329", "region EU");
	}

	/** The checks with the combined detector and the rule-based injection detector, nothing suppressed. */
	private static GuardrailChecks checks() {
		return new GuardrailChecks(GuardrailChecksTests.POLICIES, DETECTOR,
				new PatternInjectionDetector(GuardrailChecksTests.NORMALIZER,
						InjectionPatterns.load(Path.of("guardrails/injection-patterns.yaml"))),
				GuardrailChecksTests.NORMALIZER, (tenant, email) -> false);
	}
}
