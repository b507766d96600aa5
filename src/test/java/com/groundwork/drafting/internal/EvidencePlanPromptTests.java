package com.groundwork.drafting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence plans of the prompt files and the word lists per language: data, checked at start-up, with the file
 * and field named when they are wrong.
 */
class EvidencePlanPromptTests {

	private static final Path PROMPTS = Path.of("prompts");

	@Test
	void everyAngleOfTheShippedRegistryHasAPlanAndPhrasesInEnglishAndGerman() {
		var registry = new PromptRegistry(PROMPTS);
		for (var angle : Angle.values()) {
			var prompt = registry.latest(angle.promptId()).orElseThrow();
			assertThat(prompt.plan()).as(prompt.reference()).isNotEmpty();
			assertThat(prompt.phrases()).as(prompt.reference()).containsKeys("en", "de");
			assertThat(prompt.variables()).as(prompt.reference()).contains("plan", "language");
			assertThat(prompt.plan()).as("every angle tells a customer result of the lead's industry")
				.anyMatch(slot -> slot.industry() == SlotSpec.Industry.LEAD && slot.types().contains("case-study"));
		}
		var intro = registry.find("outreach-intro", 3).orElseThrow();
		assertThat(intro.plan()).extracting(SlotSpec::name).containsExactly("customer-result", "capability", "proof-point");
		assertThat(intro.plan().get(1).productOf()).isEqualTo("customer-result");
		assertThat(intro.plan().get(2).interests()).isTrue();
		assertThat(intro.compose()).containsExactly("situation", "customer-result", "capability", "proof-point");
	}

	@Test
	void theShippedWordListsCoverEveryLanguageOfThePrompts() {
		var languages = LanguageWords.load(PROMPTS);
		assertThat(languages).containsKeys("en", "de");
		assertThat(languages.get("de").dangles("Dies führte zu weniger Wartezeit.")).isTrue();
		assertThat(languages.get("de").dangles("Die durchschnittliche Verweildauer sank.")).isFalse();
		assertThat(languages.get("en").dangles("It cut the time in half.")).isTrue();
		assertThat(languages.get("en").isBoilerplate("Acme Corp was founded in 2014 in Portland, Oregon.")).isTrue();
		assertThat(languages.get("de").industryLabel("logistics")).isEqualTo("in der Logistik");
		assertThat(languages.get("en").isDefinition("Acme OrderFlow is the order orchestration product of Acme Operations Cloud."))
			.as("says what it is, not what it does").isTrue();
		assertThat(languages.get("en").isDefinition("Every allocation decision stores the rule that made it.")).isFalse();
		assertThat(languages.get("de").industryLabel("mining")).as("no label: the phrase that needs one is skipped").isEmpty();
		assertThat(LanguageWords.detect("Die Standzeit der Lkw sank von 164 auf 52 Minuten.", languages)).contains("de");
		assertThat(LanguageWords.detect("The median order-to-ship time fell from 38 h to 9 h.", languages)).contains("en");
	}

	@Test
	void aSlotWithAnUnknownIndustryModeStopsStartUpNamingTheField(@TempDir Path dir) throws IOException {
		write(dir, planned().replace("industry: lead", "industry: nearby"));
		assertThatThrownBy(() -> new PromptRegistry(dir)).isInstanceOf(PromptRegistryInvalidException.class)
			.hasMessageContaining("outreach-intro/v1.st")
			.hasMessageContaining("plan[0].industry must be 'lead' or 'any'");
	}

	@Test
	void productOfMustNameAnEarlierSlot(@TempDir Path dir) throws IOException {
		write(dir, planned().replace("product-of: result", "product-of: story"));
		assertThatThrownBy(() -> new PromptRegistry(dir)).hasMessageContaining("plan[1].product-of names 'story'");
	}

	@Test
	void composeMayNameOnlyTheSituationAndSlots(@TempDir Path dir) throws IOException {
		write(dir, planned().replace("compose: [situation, result, capability]", "compose: [situation, result, pricing]"));
		assertThatThrownBy(() -> new PromptRegistry(dir)).hasMessageContaining("'compose' names 'pricing'");
	}

	@Test
	void aPhraseMissingInOneLanguageStopsStartUpNamingLanguageAndKey(@TempDir Path dir) throws IOException {
		write(dir, planned().replace("    situation: [\"Als {title} bei {company}.\"]\n", ""));
		assertThatThrownBy(() -> new PromptRegistry(dir)).hasMessageContaining("offline.de.situation' is missing");
	}

	@Test
	void aSlotQueryOverAnUnknownVariableStopsStartUp(@TempDir Path dir) throws IOException {
		write(dir, planned().replace("{industry} results", "{pains} results"));
		assertThatThrownBy(() -> new PromptRegistry(dir)).hasMessageContaining("unknown placeholder {pains} in plan[0].query");
	}

	@Test
	void aPlannedPromptParsesItsSlotsAndPhrasesPerLanguage(@TempDir Path dir) throws IOException {
		write(dir, planned());
		var prompt = new PromptRegistry(dir).find("outreach-intro", 1).orElseThrow();
		assertThat(prompt.plan()).hasSize(2);
		assertThat(prompt.plan().getFirst().sentences()).isEqualTo(2);
		assertThat(prompt.plan().getFirst().required()).isTrue();
		assertThat(prompt.phrases().get("de").get("subject")).containsExactly("Für {company}", "Eine Idee");
		assertThat(prompt.speaks("de")).isTrue();
		assertThat(prompt.speaks("fr")).isFalse();
		assertThat(prompt.firstLanguage()).isEqualTo("en");
	}

	@Test
	void interestsAreTheTermsOfTheNotesAndSignalsNotTheirCrmWording() {
		var languages = LanguageWords.load(PROMPTS);
		var interests = Interests.of("Asked about SOC 2 at the webinar; overtime in the warehouse", "security-review", languages);
		assertThat(interests.list()).contains("SOC 2", "overtime", "warehouse", "security", "review")
			.doesNotContain("Asked", "about", "webinar");
		assertThat(interests.terms().get("SOC 2")).isEqualTo("CRM notes");
		assertThat(interests.terms().get("security")).isEqualTo("intent signals");
		assertThat(interests.pricingAsked()).isFalse();
		assertThat(interests.matchIn("Acme holds a SOC 2 Type II report.")).isEqualTo("SOC 2");
		assertThat(interests.matchIn("Shift plans cut overtime by a third.")).isEqualTo("overtime");
		assertThat(Interests.of("Fragte nach Preisen für 5 Filialen", "", languages).pricingAsked()).isTrue();
		assertThat(Interests.of("", "", languages).isEmpty()).isTrue();
	}

	private static void write(Path dir, String text) throws IOException {
		var file = dir.resolve("outreach-intro/v1.st");
		Files.createDirectories(file.getParent());
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	private static String planned() {
		return """
				---
				id: outreach-intro
				version: 1
				purpose: "test"
				tier: 0-2
				variables: [plan, lead_features, passages, format]
				retrieval:
				  query: "{industry}"
				plan:
				  - slot: result
				    types: [case-study]
				    industry: lead
				    query: "{industry} results"
				    required: true
				    sentences: 2
				  - slot: capability
				    types: [product-doc]
				    product-of: result
				    query: "{interests}"
				compose: [situation, result, capability]
				offline:
				  en:
				    subject: ["For {company}"]
				    situation: ["As {title} at {company}."]
				    result-frame: ["At {customer}, {result}"]
				    call-to-action: ["Worth a call?"]
				    greeting-friendly: "Hi {first_name},"
				    greeting-formal: "Dear {first_name},"
				    greeting-concise: "{first_name},"
				  de:
				    subject: ["Für {company}", "Eine Idee"]
				    situation: ["Als {title} bei {company}."]
				    result-frame: ["Ein Beispiel ist {customer}: {result}"]
				    call-to-action: ["Lohnt sich ein Gespräch?"]
				    greeting-friendly: "Hallo {first_name},"
				    greeting-formal: "Guten Tag {first_name},"
				    greeting-concise: "{first_name},"
				repair: "again"
				---
				{plan} {lead_features} {passages} {format}
				""";
	}
}
