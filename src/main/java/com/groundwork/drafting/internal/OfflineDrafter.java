package com.groundwork.drafting.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Tier 0: writes a draft without any model, deterministically. The greeting, opening and call to action come from the
 * prompt's offline phrases (no facts in them); every factual sentence is quoted from a retrieved passage and cites it,
 * so an offline draft is grounded by construction.
 */
class OfflineDrafter implements Drafter {

	private final OfflineComposer composer;

	OfflineDrafter(java.util.Map<String, LanguageWords> languages) {
		this.composer = new OfflineComposer(languages);
	}

	static final String MODEL = "offline-drafter";

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!])\\s+(?=[\\p{Lu}0-9\"“„])");

	private static final Pattern WORD = Pattern.compile("[\\p{L}0-9]+");

	private static final Pattern LIST_MARK = Pattern.compile("^(?:[-*+>]\\s+|\\d+[.)]\\s+)");

	private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "that", "this", "from", "are",
			"was", "were", "our", "your", "you", "its", "their", "has", "have", "into", "per", "all");

	@Override
	public int tier() {
		return 0;
	}

	@Override
	public String model() {
		return MODEL;
	}

	@Override
	public Composition write(DraftInput input) {
		if (!input.prompt().plan().isEmpty()) {
			var written = composer.write(input);
			return new Composition(written.draft(), 0, MODEL, 0, 0, BigDecimal.ZERO, 0, false, false, written.language());
		}
		var variables = input.lead().variables();
		var offline = input.prompt().offline();
		var queryTerms = terms(PromptRegistry.fill(input.prompt().retrievalQuery(), variables));
		int wanted = input.tone() == Tone.CONCISE ? 2 : 3;

		var facts = new ArrayList<ModelDraft.Sentence>();
		var usedDocuments = new HashSet<UUID>();
		var usedSentences = new HashSet<String>();
		// First pass: the best sentence of each passage from distinct documents, best passage first.
		for (int pass = 0; pass < 2 && facts.size() < wanted; pass++) {
			for (var grounding : input.passages()) {
				if (facts.size() >= wanted) {
					break;
				}
				var passage = grounding.passage();
				if (pass == 0 && usedDocuments.contains(passage.documentId())) {
					continue;
				}
				var best = candidates(passage.text()).stream()
					.filter(sentence -> !usedSentences.contains(sentence.toLowerCase(Locale.ROOT)))
					.max(Comparator.comparingDouble(sentence -> score(sentence, queryTerms)));
				if (best.isPresent()) {
					usedDocuments.add(passage.documentId());
					usedSentences.add(best.get().toLowerCase(Locale.ROOT));
					facts.add(new ModelDraft.Sentence(best.get(), List.of(grounding.label())));
				}
			}
		}
		if (facts.isEmpty()) {
			throw new DraftingFailedException("no-grounding",
					"None of the retrieved passages holds a sentence that can be quoted; add knowledge for this lead's industry");
		}
		var sentences = new ArrayList<ModelDraft.Sentence>();
		sentences.add(new ModelDraft.Sentence(PromptRegistry.fill(offline.get("greeting-" + input.tone().slug()), variables),
				List.of()));
		if (input.tone() != Tone.CONCISE) {
			sentences.add(new ModelDraft.Sentence(PromptRegistry.fill(offline.get("opening"), variables), List.of()));
		}
		sentences.addAll(facts);
		var draft = new ModelDraft(PromptRegistry.fill(offline.get("subject"), variables), sentences,
				PromptRegistry.fill(offline.get("call-to-action"), variables));
		return new Composition(draft, 0, MODEL, 0, 0, BigDecimal.ZERO, 0, false, false, "");
	}

	/** Quotable sentences of a passage: whole prose sentences, not headings, table rows or fragments. */
	static List<String> candidates(String text) {
		var sentences = new ArrayList<String>();
		for (var rawLine : text.split("\\R")) {
			var line = rawLine.strip();
			if (line.isEmpty() || line.startsWith("#") || line.startsWith("|") || line.contains(" | ")
					|| line.startsWith("---") || line.startsWith("```")) {
				continue;
			}
			line = LIST_MARK.matcher(line).replaceFirst("").replace("**", "").replace("__", "").replace("`", "").strip();
			for (var sentence : SENTENCE_END.split(line)) {
				var candidate = sentence.strip();
				if (quotable(candidate)) {
					sentences.add(candidate);
				}
			}
		}
		return sentences;
	}

	private static boolean quotable(String sentence) {
		int words = (int) WORD.matcher(sentence).results().count();
		return sentence.length() >= 40 && sentence.length() <= 300 && words >= 7
				&& (sentence.endsWith(".") || sentence.endsWith("!")) && !sentence.contains("http")
				&& !sentence.contains("?") && !sentence.contains(":")
				&& (Character.isUpperCase(sentence.codePointAt(0)) || Character.isDigit(sentence.codePointAt(0)));
	}

	private static double score(String sentence, Set<String> queryTerms) {
		var words = terms(sentence);
		double overlap = words.stream().filter(queryTerms::contains).count();
		boolean figure = sentence.chars().anyMatch(Character::isDigit);
		return overlap + (figure ? 2.5 : 0) - Math.abs(words.size() - 22) / 20.0;
	}

	static Set<String> terms(String text) {
		var terms = new HashSet<String>();
		var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			var term = matcher.group();
			if (term.length() > 2 && !STOP_WORDS.contains(term)) {
				terms.add(term);
			}
		}
		return terms;
	}
}
