package com.groundwork.drafting.internal.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.groundwork.drafting.EmailScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of the email score, with the weights of the shipped {@code guardrails/email-score.yaml}. */
class EmailScorerTests {

	private static final Path RULES = Path.of("guardrails/email-score.yaml");

	private final EmailScorer scorer = EmailScorer.load(RULES);

	private static final List<String> LEAD = List.of("Northwind Freight", "Dana", "Head of Operations", "logistics",
			"late deliveries");

	/** Greeting and four sentences, 3 + 12 + 13 + 12 + 10 = 50 words with the 7-word call to action. */
	private static final List<String> ENGLISH = List.of("Hi Dana,",
			"Northwind Freight moves a lot of goods, and late deliveries cost trust.",
			"Our team helped a logistics firm cut late deliveries by a third in one quarter.",
			"The case study shows how planners saw each delay a day early.",
			"It took them two weeks to start.");
	private static final String CTA = "Would a short call next week help?";

	/** The same email in German: greeting, body, call to action. */
	private static final List<String> GERMAN = List.of("Hallo Dana,",
			"Northwind Freight bewegt viele Waren, und späte Lieferungen kosten Vertrauen.",
			"Wir haben einem Logistiker geholfen, späte Lieferungen in einem Quartal um ein Drittel zu senken.",
			"Die Fallstudie zeigt, wie Planer jede Verzögerung einen Tag früher sahen.",
			"Der Start dauerte zwei Wochen.");
	private static final String CTA_DE = "Passt Ihnen ein kurzes Gespräch nächste Woche?";

	private static final Set<String> SPAM = Set.of("act now", "limited time", "urgent", "click here", "$$$");

	private static ScoreInput english(String subject, List<String> body, String cta) {
		return new ScoreInput("en", subject, body, cta, LEAD, 0, 0, SPAM);
	}

	private static EmailScore.Reason reason(EmailScore score, String rule) {
		return score.reasons().stream().filter(reason -> reason.rule().equals(rule)).findFirst().orElseThrow();
	}

	/** A body of exactly {@code words} words (greeting and call to action included), in short sentences. */
	private static List<String> bodyOf(int words) {
		int rest = words - 2 - 7; // "Hi Dana," and the call to action
		var body = new ArrayList<String>();
		body.add("Hi Dana,");
		while (rest > 0) {
			int n = Math.min(rest, 8);
			body.add(String.join(" ", Collections.nCopies(n, "word")).replaceFirst("word", "Northwind") + ".");
			rest -= n;
		}
		return body;
	}

	@Test
	void aGoodEnglishEmailEarnsEveryShareAndExplainsEachRule() {
		var score = scorer.score(english("Late deliveries at Northwind Freight", ENGLISH, CTA));

		assertThat(score.reasons()).extracting(EmailScore.Reason::rule)
			.containsExactly("body-length", "readability", "subject-length", "one-ask", "personalization",
					"evidence-fit", "spam-triggers", "links");
		assertThat(score.reasons()).allSatisfy(reason -> assertThat(reason.fix()).isEmpty());
		assertThat(score.value()).isEqualTo(100);
	}

	@Test
	void bodyLengthCountsGreetingAndCallToActionAndHasInclusiveBounds() {
		for (int words : new int[] { 49, 50, 125, 126 }) {
			var body = bodyOf(words);
			var text = String.join(" ", body) + " " + CTA;
			assertThat(Readability.words(text)).as("words of the test body").hasSize(words);
		}
		assertThat(reason(scorer.score(english("Hello", bodyOf(49), CTA)), "body-length").points()).isEqualTo(19);
		assertThat(reason(scorer.score(english("Hello", bodyOf(49), CTA)), "body-length").fix())
			.contains("49 words").contains("add 1");
		assertThat(reason(scorer.score(english("Hello", bodyOf(50), CTA)), "body-length").points()).isEqualTo(20);
		assertThat(reason(scorer.score(english("Hello", bodyOf(125), CTA)), "body-length").points()).isEqualTo(20);
		var tooLong = reason(scorer.score(english("Hello", bodyOf(126), CTA)), "body-length");
		assertThat(tooLong.points()).isEqualTo(19);
		assertThat(tooLong.fix()).contains("126 words").contains("cut 1");
		assertThat(reason(scorer.score(english("Hello", bodyOf(250), CTA)), "body-length").points()).isZero();
	}

	@Test
	void subjectOfSixtyCharactersIsFineSixtyOneIsNotAndAnEmptyOneEarnsNothing() {
		var sixty = "Northwind Freight: fewer late deliveries in a quarter, ahead";
		assertThat(sixty).hasSize(60);
		assertThat(reason(scorer.score(english(sixty, ENGLISH, CTA)), "subject-length").points()).isEqualTo(10);

		var sixtyOne = sixty + "!";
		var long_ = reason(scorer.score(english(sixtyOne, ENGLISH, CTA)), "subject-length");
		assertThat(long_.points()).isEqualTo(9);
		assertThat(long_.fix()).contains("61 characters").contains("cut 1");

		var empty = reason(scorer.score(english("  ", ENGLISH, CTA)), "subject-length");
		assertThat(empty.points()).isZero();
		assertThat(empty.fix()).startsWith("Write a subject");
	}

	@Test
	void exactlyOneAskEarnsTheShareTwoQuestionsHalfOfItNoneNothing() {
		assertThat(EmailScorer.asks(english("s", ENGLISH, CTA))).isEqualTo(1);
		var body = new ArrayList<>(ENGLISH);
		body.add("Are late deliveries on your list this year?");
		var two = reason(scorer.score(english("s", body, CTA)), "one-ask");
		assertThat(two.points()).isEqualTo(7);
		assertThat(two.fix()).contains("asks 2 things");

		// an imperative call to action is an ask too
		assertThat(EmailScorer.asks(english("s", ENGLISH, "Reply with a time that suits you."))).isEqualTo(1);
		var none = reason(scorer.score(english("s", ENGLISH, "")), "one-ask");
		assertThat(none.points()).isZero();
		assertThat(none.fix()).contains("one clear question");
	}

	@Test
	void personalizationCountsTheLeadsDetailsWithoutQuotingThem() {
		var generic = List.of("Hi there,", "Many firms move a lot of goods and lose trust over delays.",
				"Our customers cut delays by a third in one quarter.");
		var none = reason(scorer.score(english("A thought", generic, CTA)), "personalization");
		assertThat(none.points()).isZero();
		assertThat(none.fix()).contains("Uses 0").doesNotContain("Northwind").doesNotContain("Dana");

		var one = reason(scorer.score(english("A thought for Dana", generic, CTA)), "personalization");
		assertThat(one.points()).isEqualTo(7);

		var full = reason(scorer.score(english("A thought for Dana at Northwind Freight", generic, CTA)),
				"personalization");
		assertThat(full.points()).isEqualTo(15);
		assertThat(full.fix()).isEmpty();

		// a value inside another word does not count ("Danawait")
		assertThat(reason(scorer.score(english("Danaway", generic, CTA)), "personalization").points()).isZero();
	}

	@Test
	void evidenceFitIsTheShareOfFilledSlots() {
		var half = scorer.score(new ScoreInput("en", "s", ENGLISH, CTA, LEAD, 4, 2, SPAM));
		assertThat(reason(half, "evidence-fit").points()).isEqualTo(5);
		assertThat(reason(half, "evidence-fit").fix()).contains("2 of 4 evidence slots");
		assertThat(reason(scorer.score(new ScoreInput("en", "s", ENGLISH, CTA, LEAD, 3, 3, SPAM)), "evidence-fit")
			.points()).isEqualTo(10);
		assertThat(reason(scorer.score(new ScoreInput("en", "s", ENGLISH, CTA, LEAD, 2, 0, SPAM)), "evidence-fit")
			.points()).isZero();
		assertThatThrownBy(() -> new ScoreInput("en", "s", ENGLISH, CTA, LEAD, 1, 2, SPAM))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("slots filled");
	}

	@Test
	void spamTriggersCostPointsEachAndAreNamedInTheFix() {
		var body = new ArrayList<>(ENGLISH);
		body.add("Act now: this is a limited time offer, and it is urgent.");
		var spam = reason(scorer.score(english("Urgent: Northwind", body, CTA)), "spam-triggers");
		assertThat(spam.points()).isZero(); // four hits at 5 points each, floored at 0
		assertThat(spam.fix()).contains("'act now'", "'limited time'", "'urgent'");

		var one = reason(scorer.score(english("Click here", ENGLISH, CTA)), "spam-triggers");
		assertThat(one.points()).isEqualTo(5);
		// symbols match anywhere, words only on word boundaries ("urgently" is not "urgent")
		assertThat(reason(scorer.score(english("We urgently need $$$", ENGLISH, CTA)), "spam-triggers").points())
			.isEqualTo(5);
	}

	@Test
	void oneHttpsLinkIsFineBareAndExtraLinksCostPoints() {
		var withLink = new ArrayList<>(ENGLISH);
		withLink.add("The case study is at https://example.com/cases/northwind.");
		assertThat(reason(scorer.score(english("s", withLink, CTA)), "links").points()).isEqualTo(5);

		var bare = new ArrayList<>(ENGLISH);
		bare.add("The case study is at www.example.com/cases and example.org/more.");
		var links = reason(scorer.score(english("s", bare, CTA)), "links");
		assertThat(links.points()).isZero(); // one extra (3) and two bare (2 each)
		assertThat(links.fix()).contains("2 links").contains("without https://");
	}

	@Test
	void readabilityUsesFleschForEnglishAndAmstadForGerman() {
		assertThat(Readability.englishSyllables("the")).isEqualTo(1);
		assertThat(Readability.englishSyllables("make")).isEqualTo(1);
		assertThat(Readability.englishSyllables("table")).isEqualTo(2);
		assertThat(Readability.englishSyllables("deliveries")).isEqualTo(4);
		assertThat(Readability.germanSyllables("Lieferungen")).isEqualTo(4);
		assertThat(Readability.germanSyllables("Verzögerung")).isEqualTo(4);
		assertThat(Readability.germanSyllables("Gespräch")).isEqualTo(2);

		var plain = Readability.of("en", List.of("The cat sat on the mat.", "It was a good day."));
		assertThat(plain.formula()).isEqualTo("flesch");
		// 11 words, 2 sentences, 11 syllables: 206.835 - 1.015 × 5.5 - 84.6 × 1
		assertThat(plain.ease()).isCloseTo(206.835 - 1.015 * 5.5 - 84.6, org.assertj.core.data.Offset.offset(0.01));

		var german = Readability.of("de", List.of("Der Hund lief schnell nach Hause.", "Es war ein guter Tag."));
		assertThat(german.formula()).isEqualTo("amstad");
		// 11 words, 2 sentences, 13 syllables (Hau-se, gu-ter): 180 - 5.5 - 58.5 × 13/11
		assertThat(german.ease()).isCloseTo(180 - 5.5 - 58.5 * 13 / 11.0, org.assertj.core.data.Offset.offset(0.01));
	}

	@Test
	void hardEnglishProseLosesReadabilityPointsWithAFix() {
		var dense = List.of("Dear Dana,",
				"Organizational transformation initiatives necessitate comprehensive operational visibility "
						+ "throughout multinational distribution infrastructures, particularly regarding "
						+ "intermodal transportation synchronization and inventory optimization methodologies.");
		var readability = reason(scorer.score(english("s", dense, CTA)), "readability");
		assertThat(readability.points()).isLessThan(15);
		assertThat(readability.fix()).contains("Flesch reading ease").contains("split long sentences");
	}

	@Test
	void aGoodGermanEmailIsReadWithAmstadAndScoresFull() {
		var score = scorer.score(new ScoreInput("de", "Späte Lieferungen bei Northwind Freight", GERMAN, CTA_DE, LEAD,
				0, 0, Set.of("dringend", "jetzt kaufen")));
		assertThat(reason(score, "readability").points()).isEqualTo(15);
		assertThat(reason(score, "readability").fix()).isEmpty();
		assertThat(reason(score, "one-ask").points()).isEqualTo(15);
		assertThat(reason(score, "personalization").points()).isEqualTo(15);
		assertThat(score.value()).isEqualTo(100);
	}

	@Test
	void germanAmtsdeutschLosesReadabilityAndGermanSpamTriggersCount() {
		var amtsdeutsch = List.of("Sehr geehrte Frau Dana,",
				"Die Implementierung unserer Optimierungsplattform ermöglicht eine umfassende "
						+ "Effizienzsteigerung hinsichtlich sämtlicher logistischer Wertschöpfungsprozesse "
						+ "innerhalb Ihrer Unternehmensorganisation, insbesondere bezüglich der "
						+ "Lieferantenkommunikationsinfrastruktur.");
		var score = scorer.score(new ScoreInput("de", "Dringend: Northwind", amtsdeutsch, CTA_DE, LEAD, 0, 0,
				Set.of("dringend")));
		assertThat(reason(score, "readability").points()).isZero();
		assertThat(reason(score, "readability").fix()).contains("Amstad reading ease");
		assertThat(reason(score, "spam-triggers").points()).isEqualTo(5);
		assertThat(reason(score, "spam-triggers").fix()).contains("'dringend'");
	}

	@Test
	void otherLanguagesFallBackToFleschWithANote() {
		var score = scorer.score(new ScoreInput("fr", "s", ENGLISH, CTA, LEAD, 0, 0, SPAM));
		assertThat(reason(score, "readability").fix()).contains("No readability formula for 'fr'");
	}

	@Test
	void theValueIsTheSumOfThePointsAndNeverNegative() {
		var score = scorer.score(new ScoreInput("en", "", List.of(), "", List.of(), 3, 0, SPAM));
		assertThat(score.value()).isEqualTo(score.reasons().stream().mapToInt(EmailScore.Reason::points).sum());
		assertThat(score.value()).isBetween(0, 100);
		assertThat(score.reasons()).filteredOn(reason -> reason.points() > 0).extracting(EmailScore.Reason::rule)
			.containsExactlyInAnyOrder("spam-triggers", "links");
	}

	@Test
	void aMissingOrBrokenRulesFileFailsNamingTheFileAndField(@TempDir Path dir) throws IOException {
		assertThatThrownBy(() -> EmailScorer.load(dir.resolve("email-score.yaml")))
			.isInstanceOf(ScoreRulesInvalidException.class)
			.hasMessageContaining("email-score.yaml")
			.hasMessageContaining("does not exist");

		var yaml = Files.readString(RULES);
		var wrongSum = dir.resolve("sum.yaml");
		Files.writeString(wrongSum, yaml.replace("links: 5", "links: 6"));
		assertThatThrownBy(() -> EmailScorer.load(wrongSum)).hasMessageContaining("sum.yaml")
			.hasMessageContaining("weights: must add up to 100, add up to 101");

		var unknown = dir.resolve("unknown.yaml");
		Files.writeString(unknown, yaml.replace("  one-ask: 15", "  one-ask: 15\n  tone: 0"));
		assertThatThrownBy(() -> EmailScorer.load(unknown)).hasMessageContaining("weights.tone")
			.hasMessageContaining("is not a field");

		var missing = dir.resolve("missing.yaml");
		Files.writeString(missing, yaml.replace("subject:\n  max-chars: 60\n", ""));
		assertThatThrownBy(() -> EmailScorer.load(missing)).hasMessageContaining("subject.max-chars: is required");

		var emptySection = dir.resolve("empty.yaml");
		Files.writeString(emptySection, yaml.replace("  max-chars: 60\n", ""));
		assertThatThrownBy(() -> EmailScorer.load(emptySection)).hasMessageContaining("subject")
			.hasMessageContaining("must be a section");

		var notANumber = dir.resolve("nan.yaml");
		Files.writeString(notANumber, yaml.replace("full-at: 2", "full-at: two"));
		assertThatThrownBy(() -> EmailScorer.load(notANumber)).hasMessageContaining("personalization.full-at")
			.hasMessageContaining("is not a number");
	}
}
