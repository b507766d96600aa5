package com.groundwork.guardrail.internal;

import static com.groundwork.guardrail.internal.GuardrailChecksTests.ACME;
import static com.groundwork.guardrail.internal.GuardrailChecksTests.POLICIES;
import static com.groundwork.guardrail.internal.GuardrailChecksTests.TODAY;
import static com.groundwork.guardrail.internal.GuardrailChecksTests.rule;
import static com.groundwork.guardrail.internal.GuardrailChecksTests.rules;
import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Recipient;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * German drafts (Sie-form) through the shipped policy and the real detectors, citing the German Kessler case study:
 * a faithful draft passes, German nouns are not taken for names, invented names and numbers are still found, numbers
 * match across German and English formats, and the German tone lists apply.
 */
class GermanDraftTests {

	static final DraftCheck.Passage KESSLER_DE = passage("k-de", "knowledge/case-studies/kessler-kuehllogistik-de.md");

	static final DraftCheck.Passage KESSLER_EN = passage("k-en", "knowledge/case-studies/kessler-kuehllogistik.md");

	static final Recipient DE_EXPRESS = new Recipient("k.albers@nordwind.example", "DE", "EXPRESS", "form", "website",
			LocalDate.of(2026, 10, 1));

	static final Map<String, String> FACTS = Map.of("contact.first-name", "Katrin", "contact.last-name", "Albers",
			"company.name", "Nordwind Logistik GmbH", "company.industry", "logistics", "contact.language", "de");

	final GuardrailChecks checks = new GuardrailChecks(POLICIES, CombinedPiiDetectorTests.DETECTOR,
			new PatternInjectionDetector(GuardrailChecksTests.NORMALIZER,
					InjectionPatterns.load(Path.of("guardrails/injection-patterns.yaml"))),
			GuardrailChecksTests.NORMALIZER, (tenant, email) -> false);

	static DraftCheck.Passage passage(String id, String file) {
		try {
			var text = Files.readString(Path.of(file));
			var title = text.lines().filter(line -> line.startsWith("title:")).findFirst().orElse("title: " + id);
			return new DraftCheck.Passage(id, title.substring(6).strip().replace("\"", ""), text);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** A German draft: greeting, an uncited opening, the given sentences each citing the passage after it. */
	static DraftCheck german(String... cited) {
		var sentences = new ArrayList<DraftCheck.Sentence>();
		sentences.add(new DraftCheck.Sentence("Guten Tag Frau Albers,", List.of()));
		sentences.add(new DraftCheck.Sentence(
				"Für Logistikteams wie bei Nordwind Logistik sind lange Standzeiten an der Rampe ein bekanntes Thema.",
				List.of()));
		for (int i = 0; i < cited.length; i += 2) {
			sentences.add(new DraftCheck.Sentence(cited[i], List.of(cited[i + 1])));
		}
		return new DraftCheck(ACME, null, "api", "Kürzere Standzeiten an Ihren Rampen", sentences,
				"Hätten Sie nächste Woche 20 Minuten Zeit für ein kurzes Gespräch?", List.of(KESSLER_DE, KESSLER_EN),
				FACTS, Map.of(), DE_EXPRESS, "de");
	}

	Verdict check(DraftCheck draft) {
		return checks.check(draft, "acme", TODAY);
	}

	static List<String> evidence(Verdict verdict, String ruleId) {
		return rule(verdict, ruleId).stream().map(Finding::evidence).toList();
	}

	@Test
	void aFaithfulGermanDraftPasses() {
		var verdict = check(german(
				"Die Kessler Kühllogistik GmbH hat die durchschnittliche Verweildauer der Lkw von 164 auf 52 Minuten gesenkt.",
				"k-de",
				"Standgeld und Wartezeitkosten sanken um 410.000 € pro Jahr, und 93 % aller Zeitfenster werden heute über "
						+ "das Spediteursportal gebucht.",
				"k-de",
				"Jens Albrecht, Leiter Standortbetrieb bei Kessler, sagt: „DockPilot hat sich im ersten Quartal bezahlt gemacht.“",
				"k-de",
				"Spediteure buchen ihre Zeitfenster dort selbst, und die Schichtleitung sieht alle Rampen und wartenden "
						+ "Lkw live.",
				"k-de"));
		assertThat(verdict.findings()).allSatisfy(finding -> assertThat(finding.severity()).isLessThan(Severity.REPAIR));
		assertThat(verdict).isInstanceOf(Verdict.Passed.class);
	}

	@Test
	void theSameDraftCheckedAsEnglishTakesGermanNounsForNames() {
		// What the language buys: unknown, the capitalized nouns of the opening read as unsupported names.
		var draft = german();
		var asEnglish = check(draft.inLanguage(""));
		assertThat(evidence(asEnglish, "grounding.uncited")).contains("Logistikteams", "Standzeiten", "Rampe", "Thema");
		assertThat(rule(check(draft), "grounding.uncited")).isEmpty();
	}

	@Test
	void inflectedNounsAndCompoundsOfThePassageAreSupported() {
		// "Tiefkühlrampen" in the passage holds "Kühlrampen"; "Disponenten" follows a marker; "Spediteursportals" is the
		// genitive of the passage's noun.
		var verdict = check(german("Die Kühlrampen und das Torterminal des Spediteursportals entlasten Ihre Disponenten.",
				"k-de"));
		assertThat(rules(verdict)).noneMatch(rule -> rule.startsWith("grounding."));
	}

	@Test
	void anInventedCompanyOrNumberIsStillFound() {
		var verdict = check(german(
				"Auch die Müller Logistik GmbH hat ihre Standzeiten so um 37 % gesenkt.", "k-de",
				"Bei Schenker sanken die Wartezeitkosten um 1,2 Mio. € und die Verweildauer auf 53 Minuten.", "k-de"));
		assertThat(evidence(verdict, "grounding.unsupported")).containsExactlyInAnyOrder("Müller", "37 %", "Schenker",
				"1,2 Mio.", "53");
		assertThat(verdict).isInstanceOf(Verdict.NeedsRepair.class);
	}

	@Test
	void anInventedNameInAnUncitedSentenceIsUncited() {
		var draft = german();
		var sentences = new ArrayList<>(draft.sentences());
		sentences.add(new DraftCheck.Sentence("Ähnlich ging es der Spedition Brandt aus Hamburg.", List.of()));
		var verdict = check(GuardrailChecksTests.withSentences(draft, sentences).inLanguage("de"));
		assertThat(evidence(verdict, "grounding.uncited")).containsExactlyInAnyOrder("Brandt", "Hamburg");
	}

	@Test
	void numbersMatchAcrossGermanAndEnglishFormats() {
		// The German draft cites the English passage (€410,000, 93%, 52 minutes) and the German one (410.000 €, 93 %).
		var verdict = check(german(
				"Die Kosten sanken um 410.000 € pro Jahr, 93 % der Zeitfenster werden online gebucht.", "k-en",
				"Das sind rund 0,41 Mio. € weniger Standgeld, und 93% der Zeitfenster kommen über das Portal.", "k-de",
				"Die Verweildauer fiel von 164 auf 52 Minuten.", "k-en"));
		assertThat(rules(verdict)).noneMatch(rule -> rule.startsWith("grounding."));
		var wrong = check(german("Die Kosten sanken um 4,1 Mio. € pro Jahr, bei 39 % der Zeitfenster.", "k-en"));
		assertThat(evidence(wrong, "grounding.unsupported")).containsExactlyInAnyOrder("4,1 Mio.", "39 %");
	}

	@Test
	void numberValuesReadBothStyles() {
		assertThat(Numbers.value("410.000")).isEqualByComparingTo("410000");
		assertThat(Numbers.value("410,000")).isEqualByComparingTo("410000");
		assertThat(Numbers.value("1,2")).isEqualByComparingTo("1.2");
		assertThat(Numbers.value("86.4")).isEqualByComparingTo("86.4");
		assertThat(Numbers.value("1.234,5")).isEqualByComparingTo("1234.5");
		assertThat(Numbers.value("1,234.5")).isEqualByComparingTo("1234.5");
		assertThat(Numbers.value("0,125")).isEqualByComparingTo("0.125");
		var scanned = Numbers.scan("um 1,2 Mio. € und 93 % mehr", POLICIES.forTenant("acme").numberScales());
		assertThat(scanned).hasSize(2);
		assertThat(scanned.get(0).value()).isEqualByComparingTo("1200000");
		assertThat(scanned.get(0).scaled()).isTrue();
		assertThat(scanned.get(1).value()).isEqualByComparingTo("93");
		assertThat(scanned.get(1).percent()).isTrue();
	}

	@Test
	void germanSpamBannedAndToxicPhrasesAreFound() {
		var draft = german("Klicken Sie hier: nur heute gibt es diese einmalige Gelegenheit, jetzt kaufen lohnt sich.",
				"k-de", "Garantierter Erfolg, völlig risikofrei und ohne Risiko, dazu ein Rabatt und die Einrichtung kostenlos.",
				"k-de", "Ihre bisherigen Disponenten sind offenbar unfähig.", "k-de");
		var verdict = check(draft);
		assertThat(evidence(verdict, "tone.spam-trigger")).extracting(String::toLowerCase)
			.contains("klicken sie hier", "nur heute", "einmalige gelegenheit", "jetzt kaufen");
		assertThat(rule(verdict, "tone.spam-trigger")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.REPAIR));
		assertThat(evidence(verdict, "tone.banned-phrase")).extracting(String::toLowerCase)
			.contains("garantierter erfolg", "risikofrei", "ohne risiko", "rabatt", "kostenlos");
		assertThat(evidence(verdict, "tone.toxic")).containsExactly("unfähig");
		assertThat(verdict).isInstanceOf(Verdict.Blocked.class);
	}

	@Test
	void aGermanSpamTriggerInTheSubjectAndADeceptiveGermanSubject() {
		var draft = german();
		var spam = check(new DraftCheck(draft.tenant(), null, "api", "Gratis: Ihre Rechnung", draft.sentences(),
				draft.callToAction(), draft.passages(), draft.leadFacts(), Map.of(), draft.recipient(), "de"));
		assertThat(rules(spam)).contains("headers.spam-trigger", "headers.deceptive-subject");
	}

	@Test
	void eachLanguageHasItsListsAndAnUnknownLanguageGetsAllOfThem() {
		var draft = german("Die Einrichtung ist kostenlos, ein echter Deal ohne Risiko.", "k-de");
		assertThat(evidence(check(draft), "tone.banned-phrase")).extracting(String::toLowerCase)
			.contains("kostenlos", "ohne risiko");
		// English lists do not know German words; an unknown language is checked against every language.
		assertThat(rule(check(draft.inLanguage("en")), "tone.banned-phrase")).isEmpty();
		assertThat(evidence(check(draft.inLanguage("")), "tone.banned-phrase")).extracting(String::toLowerCase)
			.contains("kostenlos", "ohne risiko");
		assertThat(evidence(check(draft.inLanguage("fr")), "tone.banned-phrase")).extracting(String::toLowerCase)
			.contains("kostenlos");
		// The tenant's own banned phrases apply in every language.
		var tenantPhrase = german("Wir bieten einen free pilot an.", "k-de");
		assertThat(evidence(check(tenantPhrase), "tone.banned-phrase")).contains("free pilot");
	}

	@Test
	void spamTriggersPerLanguageForOtherModules() {
		var acme = POLICIES.forTenant("acme");
		assertThat(acme.spamTriggers("de")).contains("jetzt kaufen", "gratis", "klicken sie hier").doesNotContain("act now");
		assertThat(acme.spamTriggers("en")).contains("act now").doesNotContain("gratis");
		assertThat(acme.spamTriggers("")).isEqualTo(acme.spamTriggers("en"));
		assertThat(acme.spamTriggers("fr")).isEqualTo(acme.spamTriggers("en"));
	}

	@Test
	void aRegionSubtagIsReadAsItsLanguage() {
		assertThat(german().inLanguage("de-AT").language()).isEqualTo("de");
		assertThat(german().inLanguage(" DE ").language()).isEqualTo("de");
		assertThat(new DraftCheck(ACME, null, "api", "s", List.of(), "", List.of(), Map.of(), Map.of(), null).language())
			.isEmpty();
	}
}
