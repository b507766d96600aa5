package com.groundwork.drafting.internal.scoring;

import com.groundwork.drafting.EmailScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scores a draft 0–100 from eight deterministic rules, each with its share of the points
 * ({@code guardrails/email-score.yaml}): body length, readability, subject length, exactly one ask, personalization,
 * evidence fit, spam-trigger wording and links. Every rule gives a reason with the points it earned and, when it
 * earned less than its share, what to change. Pure and thread-safe; a score is advice and never blocks a draft.
 */
public final class EmailScorer {

	static final String BODY_LENGTH = "body-length";
	static final String READABILITY = "readability";
	static final String SUBJECT_LENGTH = "subject-length";
	static final String ONE_ASK = "one-ask";
	static final String PERSONALIZATION = "personalization";
	static final String EVIDENCE_FIT = "evidence-fit";
	static final String SPAM_TRIGGERS = "spam-triggers";
	static final String LINKS = "links";

	private static final Pattern URL = Pattern.compile(
			"(?i)\\b(?:https?://|www\\.)[^\\s<>()\"]+|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}/[^\\s<>()\"]*");

	private final ScoreRules rules;

	EmailScorer(ScoreRules rules) {
		this.rules = rules;
	}

	/**
	 * The scorer with the rules of the file, read once.
	 * @throws ScoreRulesInvalidException when the file is missing or wrong, naming the file and the field
	 */
	public static EmailScorer load(Path rulesFile) {
		return new EmailScorer(ScoreRules.load(rulesFile));
	}

	/** The rules' version, e.g. for provenance. */
	public String rulesVersion() {
		return rules.version();
	}

	public EmailScore score(ScoreInput input) {
		var reasons = List.of(bodyLength(input), readability(input), subjectLength(input), oneAsk(input),
				personalization(input), evidenceFit(input), spamTriggers(input), links(input));
		int value = reasons.stream().mapToInt(EmailScore.Reason::points).sum();
		return new EmailScore(Math.clamp(value, 0, 100), reasons);
	}

	private EmailScore.Reason bodyLength(ScoreInput input) {
		int share = rules.weights().bodyLength();
		int min = rules.bodyWords().min();
		int max = rules.bodyWords().max();
		int words = Readability.words(String.join(" ", body(input))).size();
		if (words < min) {
			return new EmailScore.Reason(BODY_LENGTH, share * words / min, "The body has " + words + " words; add "
					+ (min - words) + " (at least " + min + "): a concrete result from a cited passage or the lead's situation");
		}
		if (words > max) {
			int points = (int) Math.max(0, Math.floor(share * (1 - (double) (words - max) / max)));
			return new EmailScore.Reason(BODY_LENGTH, points, "The body has " + words + " words; cut " + (words - max)
					+ " (at most " + max + "): drop the weakest sentence and shorten long ones");
		}
		return new EmailScore.Reason(BODY_LENGTH, share, "");
	}

	private EmailScore.Reason readability(ScoreInput input) {
		int share = rules.weights().readability();
		var text = new ArrayList<>(input.bodySentences());
		if (!input.callToAction().isBlank()) {
			text.add(input.callToAction());
		}
		var ease = Readability.of(input.language(), text);
		double good = rules.readability().goodEase();
		double poor = rules.readability().poorEase();
		int points = ease.ease() >= good ? share
				: ease.ease() <= poor ? 0 : (int) Math.floor(share * (ease.ease() - poor) / (good - poor));
		var note = ease.fallback() ? "No readability formula for '" + input.language()
				+ "': read with English Flesch reading ease. " : "";
		if (points == share) {
			return new EmailScore.Reason(READABILITY, points, note.strip());
		}
		var formula = ease.formula().equals("amstad") ? "Amstad reading ease" : "Flesch reading ease";
		return new EmailScore.Reason(READABILITY, points, note + String.format(Locale.ROOT,
				"%s %.0f (aim for %.0f or more): sentences average %.1f words and %.2f syllables a word; "
						+ "split long sentences and prefer short, common words",
				formula, ease.ease(), good, ease.wordsPerSentence(), ease.syllablesPerWord()));
	}

	private EmailScore.Reason subjectLength(ScoreInput input) {
		int share = rules.weights().subjectLength();
		int max = rules.subject().maxChars();
		var subject = input.subject().strip();
		if (subject.isEmpty()) {
			return new EmailScore.Reason(SUBJECT_LENGTH, 0,
					"Write a subject of at most " + max + " characters that names the lead's situation");
		}
		int length = subject.codePointCount(0, subject.length());
		if (length > max) {
			int points = (int) Math.max(0, Math.floor(share * (1 - (double) (length - max) / max)));
			return new EmailScore.Reason(SUBJECT_LENGTH, points, "The subject has " + length + " characters; cut "
					+ (length - max) + " (at most " + max + ", or mail clients cut it off)");
		}
		return new EmailScore.Reason(SUBJECT_LENGTH, share, "");
	}

	/** Questions in the body and call to action; a call to action that asks without a question mark is one ask. */
	static int asks(ScoreInput input) {
		int questions = 0;
		for (var sentence : body(input)) {
			questions += (int) sentence.chars().filter(c -> c == '?' || c == '？').count();
		}
		var cta = input.callToAction().strip();
		if (!cta.isEmpty() && cta.chars().noneMatch(c -> c == '?' || c == '？')) {
			questions++;
		}
		return questions;
	}

	private EmailScore.Reason oneAsk(ScoreInput input) {
		int share = rules.weights().oneAsk();
		int asks = asks(input);
		if (asks == 0) {
			return new EmailScore.Reason(ONE_ASK, 0,
					"The email asks for nothing: end with one clear question or call to action");
		}
		if (asks > 1) {
			return new EmailScore.Reason(ONE_ASK, share / asks, "The email asks " + asks
					+ " things (questions and call to action): keep one ask, the call to action, and make the others statements");
		}
		return new EmailScore.Reason(ONE_ASK, share, "");
	}

	private EmailScore.Reason personalization(ScoreInput input) {
		int share = rules.weights().personalization();
		int fullAt = rules.personalization().fullAt();
		var values = input.leadValues()
			.stream()
			.map(String::strip)
			.filter(value -> value.length() >= 2)
			.map(value -> value.toLowerCase(Locale.ROOT))
			.distinct()
			.toList();
		if (values.isEmpty()) {
			return new EmailScore.Reason(PERSONALIZATION, 0,
					"The lead has no details allowed for generation: add its company, title, industry or pains");
		}
		var text = (input.subject() + "\n" + String.join("\n", body(input))).toLowerCase(Locale.ROOT);
		long used = values.stream().filter(value -> contains(text, value)).count();
		int points = (int) (share * Math.min(used, fullAt) / fullAt);
		if (points == share) {
			return new EmailScore.Reason(PERSONALIZATION, share, "");
		}
		// the fix names kinds of details, never their values: reasons are stored and shown beside other leads' drafts
		return new EmailScore.Reason(PERSONALIZATION, points, "Uses " + used + " of the lead's details (" + fullAt
				+ " earn the full share): mention the company, the contact's role, the industry or a stated pain");
	}

	private EmailScore.Reason evidenceFit(ScoreInput input) {
		int share = rules.weights().evidenceFit();
		if (input.slotsPlanned() == 0) {
			// no evidence plan (yet): nothing was asked of the knowledge, so nothing is missing
			return new EmailScore.Reason(EVIDENCE_FIT, share, "");
		}
		int points = share * input.slotsFilled() / input.slotsPlanned();
		if (points == share) {
			return new EmailScore.Reason(EVIDENCE_FIT, share, "");
		}
		int empty = input.slotsPlanned() - input.slotsFilled();
		return new EmailScore.Reason(EVIDENCE_FIT, points, empty + " of " + input.slotsPlanned()
				+ " evidence slots found no passage: add a fitting document to the knowledge base, or choose another angle");
	}

	private EmailScore.Reason spamTriggers(ScoreInput input) {
		int share = rules.weights().spamTriggers();
		var text = (input.subject() + "\n" + String.join("\n", body(input))).toLowerCase(Locale.ROOT);
		var found = new TreeSet<String>();
		int hits = 0;
		for (var trigger : input.spamTriggers()) {
			var phrase = trigger.strip().toLowerCase(Locale.ROOT);
			if (phrase.isEmpty()) {
				continue;
			}
			int count = occurrences(text, phrase);
			if (count > 0) {
				found.add(phrase);
				hits += count;
			}
		}
		if (hits == 0) {
			return new EmailScore.Reason(SPAM_TRIGGERS, share, "");
		}
		int points = Math.max(0, share - hits * rules.spamTriggers().pointsEach());
		return new EmailScore.Reason(SPAM_TRIGGERS, points, "Spam-trigger wording hurts delivery: rephrase "
				+ found.stream().map(phrase -> "'" + phrase + "'").collect(Collectors.joining(", ")));
	}

	private EmailScore.Reason links(ScoreInput input) {
		int share = rules.weights().links();
		var text = input.subject() + "\n" + String.join("\n", body(input));
		var links = URL.matcher(text).results().map(match -> match.group()).toList();
		int extra = Math.max(0, links.size() - rules.links().max());
		long bare = links.stream().filter(link -> !link.toLowerCase(Locale.ROOT).startsWith("https://")).count();
		int points = (int) Math.max(0, share - extra * rules.links().pointsEachExtra() - bare * rules.links().pointsEachBare());
		if (extra == 0 && bare == 0) {
			return new EmailScore.Reason(LINKS, share, "");
		}
		var fixes = new ArrayList<String>();
		if (extra > 0) {
			fixes.add(links.size() + " links (at most " + rules.links().max() + "): keep the one the ask needs");
		}
		if (bare > 0) {
			fixes.add(bare + " link(s) written without https:// (bare addresses look like spam): write them in full with https://");
		}
		return new EmailScore.Reason(LINKS, points, String.join("; ", fixes));
	}

	/** The whole body as the recipient reads it: greeting and sentences, then the call to action. */
	private static List<String> body(ScoreInput input) {
		return Stream.concat(input.bodySentences().stream(),
				input.callToAction().isBlank() ? Stream.empty() : Stream.of(input.callToAction())).toList();
	}

	/** Whether the phrase occurs on word boundaries (a phrase of symbols, e.g. {@code $$$}, anywhere). */
	private static boolean contains(String text, String phrase) {
		return occurrences(text, phrase) > 0;
	}

	private static int occurrences(String text, String phrase) {
		var left = Character.isLetterOrDigit(phrase.codePointAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
		var right = Character.isLetterOrDigit(phrase.codePointBefore(phrase.length())) ? "(?![\\p{L}\\p{N}])" : "";
		return (int) Pattern.compile(left + Pattern.quote(phrase) + right).matcher(text).results().count();
	}
}
