package com.groundwork.drafting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureType;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.LeadScore;
import com.groundwork.lead.PiiClass;
import com.groundwork.search.Passage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tier 0 over an evidence plan, with the shipped prompt files and word lists: what it quotes, in which order and
 * language, and the limits it keeps.
 */
class OfflineComposerTests {

	private static final Path PROMPTS = Path.of("prompts");

	private static final Map<String, LanguageWords> LANGUAGES = LanguageWords.load(PROMPTS);

	private static final PromptRegistry REGISTRY = new PromptRegistry(PROMPTS);

	private static final String RESULTS = """
			## Results

			Within six months of the last wave, Brightwater measured these results.

			1. This made the team much calmer and more focused on the shippers every single day.
			2. Median order-to-ship time fell from **38 h** to **9 h** across all eleven distribution centers.
			3. Brightwater Freight was founded in 1998 and is headquartered in Columbus, Ohio with 900 employees.
			4. The programme ran in three waves and every wave was planned together with the shippers themselves.
			""";

	private static final String PRODUCT = """
			Acme OrderFlow releases every order that passes validation to the warehouse automatically, so only exceptions wait for a person.
			OrderFlow is priced per order line and billed monthly with every plan of the platform.
			""";

	private static final String GERMAN_CASE = """
			## Die Ergebnisse

			1. Die durchschnittliche Verweildauer der Lkw sank von 164 auf 52 Minuten an allen sechs Standorten.
			2. Standgeld und Wartezeitkosten sanken bei Kessler Kühllogistik um 410.000 € pro Jahr.
			""";

	@Test
	void anIntroOpensWithTheSituationThenTheMeasuredResultThenTheCapabilityThenOneQuestion() {
		var prompt = REGISTRY.find("outreach-intro", 3).orElseThrow();
		var caseStudy = passage("Brightwater Freight: order-to-ship time down from 38 h to 9 h", RESULTS, "case-study",
				"orderflow", "logistics", "en");
		var product = passage("Acme OrderFlow product guide", PRODUCT, "product-doc", "orderflow", "all", "en");
		var draft = write(prompt, lead("en", "logistics"), "en", slot(prompt, 0, caseStudy), slot(prompt, 1, product));

		assertThat(draft.language()).isEqualTo("en");
		var sentences = draft.draft().sentences().stream().map(ModelDraft.Sentence::text).toList();
		assertThat(sentences.getFirst()).isEqualTo("Hi Dana,");
		assertThat(sentences.get(1)).startsWith("As VP Operations at Northwind Logistics");
		assertThat(sentences.get(2)).as("the result with its number, framed by the customer's name")
			.isEqualTo("At Brightwater Freight, median order-to-ship time fell from 38 h to 9 h across all eleven distribution centers.");
		assertThat(String.join(" ", sentences)).as("no sentence that needs the one before, no company history, no prices")
			.doesNotContain("This made", "founded in", "priced per");
		assertThat(sentences).anyMatch(sentence -> sentence.startsWith("Acme OrderFlow releases every order"));
		assertThat(draft.draft().callToAction()).endsWith("?");
		assertThat(draft.draft().subject()).hasSizeLessThanOrEqualTo(60).contains("Northwind Logistics");
		int words = OfflineComposer.count(sentences.getFirst(), draft.draft().sentences().subList(1, sentences.size()),
				draft.draft().callToAction());
		assertThat(words).isBetween(OfflineComposer.MIN_WORDS, OfflineComposer.MAX_WORDS);
		assertThat(draft.draft().sentences().subList(2, sentences.size())).allSatisfy(
				sentence -> assertThat(sentence.passages()).as(sentence.text()).hasSize(1));
	}

	@Test
	void aGermanLeadWithGermanEvidenceGetsAGermanDraftInTheSieForm() {
		var prompt = REGISTRY.find("outreach-intro", 3).orElseThrow();
		var caseStudy = passage("Fallstudie Kessler Kühllogistik: Standzeiten gesenkt", GERMAN_CASE, "case-study",
				"dockpilot", "logistics", "de");
		var product = passage("Acme DockPilot: Produktüberblick", """
				Spediteure und Lieferanten buchen ihre Zeitfenster im Portal selbst, rund um die Uhr und in neun Sprachen.
				""", "product-doc", "dockpilot", "all", "de");
		var draft = write(prompt, lead("de", "logistics"), "de", slot(prompt, 0, caseStudy), slot(prompt, 1, product));

		assertThat(draft.language()).isEqualTo("de");
		var text = draft.draft().subject() + " " + String.join(" ",
				draft.draft().sentences().stream().map(ModelDraft.Sentence::text).toList()) + " " + draft.draft().callToAction();
		assertThat(text).startsWith("Northwind Logistics: ein Ergebnis aus Ihrer Branche Hallo Dana,")
			.contains("Als VP Operations bei Northwind Logistics wissen Sie", "in der Logistik", "Ein Beispiel ist Kessler Kühllogistik",
					"164 auf 52 Minuten", "Hätten Sie")
			.doesNotContain("Hi ", "you ", "Du ", "dein");
		assertThat(LanguageWords.detect(draft.draft().callToAction(), LANGUAGES)).contains("de");
	}

	@Test
	void evidenceWithoutALanguageTagIsReadForItsLanguage() {
		var prompt = REGISTRY.find("outreach-intro", 3).orElseThrow();
		var caseStudy = passage("Fallstudie Kessler Kühllogistik: Standzeiten gesenkt", GERMAN_CASE, "case-study",
				"dockpilot", "logistics", "");
		var draft = write(prompt, lead("de", "logistics"), "de", slot(prompt, 0, caseStudy));
		assertThat(draft.language()).isEqualTo("de");
		assertThat(draft.draft().sentences().getFirst().text()).isEqualTo("Hallo Dana,");
	}

	@Test
	void aGermanLeadWithOnlyEnglishEvidenceGetsAnEnglishDraftNotAMixture() {
		var prompt = REGISTRY.find("outreach-intro", 3).orElseThrow();
		var caseStudy = passage("Brightwater Freight: order-to-ship time down", RESULTS, "case-study", "orderflow",
				"logistics", "en");
		var draft = write(prompt, lead("de", "logistics"), "de", slot(prompt, 0, caseStudy));

		assertThat(draft.language()).isEqualTo("en");
		assertThat(draft.draft().sentences().getFirst().text()).isEqualTo("Hi Dana,");
	}

	@Test
	void aLanguageWithoutPhrasesFallsBackToThePromptsFirstLanguage() {
		var prompt = REGISTRY.find("outreach-intro", 3).orElseThrow();
		var caseStudy = passage("Brightwater Freight: order-to-ship time down", RESULTS, "case-study", "orderflow",
				"logistics", "");
		var draft = write(prompt, lead("ja", "logistics"), "ja", slot(prompt, 0, caseStudy));
		assertThat(draft.language()).isEqualTo("en");
	}

	@Test
	void theCustomerIsTheLongestCapitalizedRunOfTheTitleThePassageNames() {
		var passage = passage("Fallstudie Kessler Kühllogistik: Standzeiten gesenkt", GERMAN_CASE, "case-study", "", "", "de");
		assertThat(OfflineComposer.customer(passage.documentTitle(), List.of(passage))).isEqualTo("Kessler Kühllogistik");
		assertThat(OfflineComposer.customer("How we work", List.of(passage))).isEmpty();
	}

	@Test
	void aFramedSentencesCitationShowsTheQuoteAndTheCustomerItNames() {
		var passage = passage("Brightwater Freight: results", RESULTS, "case-study", "orderflow", "logistics", "en");
		var citation = DraftPipeline.citation(new GroundingPassage("P1", passage),
				"At Brightwater Freight, median order-to-ship time fell from 38 h to 9 h across all eleven distribution centers.");
		assertThat(citation.snippet()).contains("Median order-to-ship time fell from 38 h to 9 h across all eleven")
			.contains("Brightwater");
	}

	private OfflineComposer.Written write(PromptFile prompt, LeadContext lead, String language, EvidencePlan.Slot... slots) {
		var plan = new EvidencePlan(List.of(slots), "");
		var labelled = plan.labelled();
		var input = new DraftInput(prompt, Angle.INTRO, Tone.FRIENDLY, lead, labelled.passages(), List.of(), null, plan,
				language);
		return new OfflineComposer(LANGUAGES).write(input);
	}

	private static EvidencePlan.Slot slot(PromptFile prompt, int index, Passage passage) {
		return new EvidencePlan.Slot(prompt.plan().get(index), "test", List.of(passage), null);
	}

	private static Passage passage(String title, String text, String type, String product, String industry,
			String language) {
		var id = UUID.nameUUIDFromBytes(title.getBytes());
		return new Passage(id, UUID.nameUUIDFromBytes(text.getBytes()), title, title, text, "", "hash",
				new PassageMetadata(type, product, industry, "na", language), Optional.empty(), Optional.empty(), 1.0);
	}

	static LeadContext lead(String language, String industry) {
		var values = new ArrayList<FeatureValue>();
		values.add(new FeatureValue("contact.first-name", 1, FeatureType.TEXT, "Dana", PiiClass.PERSONAL, true, false));
		values.add(new FeatureValue("contact.title", 1, FeatureType.TEXT, "VP Operations", PiiClass.PERSONAL, true, false));
		values.add(new FeatureValue("contact.language", 1, FeatureType.CATEGORY, language, PiiClass.NONE, true, false));
		values.add(new FeatureValue("company.name", 1, FeatureType.TEXT, "Northwind Logistics", PiiClass.NONE, true, false));
		values.add(new FeatureValue("company.industry", 1, FeatureType.CATEGORY, industry, PiiClass.NONE, true, false));
		var snapshot = new FeatureSnapshot(UUID.randomUUID(), new TenantId(UUID.randomUUID()), "L-1", 1, values,
				Instant.now(), PromptRegistry.sha256("lead"));
		return LeadContext.of(snapshot, new LeadScore(50, List.of()));
	}
}
