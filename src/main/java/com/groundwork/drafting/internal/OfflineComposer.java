package com.groundwork.drafting.internal;

import com.groundwork.search.Passage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tier 0's email for a prompt with an evidence plan, in the order its {@code compose} gives: the lead's situation (a
 * phrase), then for each slot the sentences quoted from its passages that stand alone (results with their numbers
 * first), then one question. The body is kept at 50–125 words, the subject at 60 characters.
 * <p>
 * It writes in the lead's language when the prompt has phrases in it and the required slots' evidence is in it;
 * otherwise in the language of that evidence or the prompt's first language, and says so ({@link #language}).
 */
final class OfflineComposer {

	static final int MIN_WORDS = 50;

	static final int MAX_WORDS = 125;

	static final int MAX_SUBJECT = 60;

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

	private static final Pattern WORD = Pattern.compile("[\\p{L}0-9]+");

	private final Map<String, LanguageWords> languages;

	OfflineComposer(Map<String, LanguageWords> languages) {
		this.languages = languages;
	}

	/** The draft and the language it is written in. */
	record Written(ModelDraft draft, String language) {
	}

	/**
	 * A sentence tier 0 may quote: the label of its passage, its text and its place in the slot's passages.
	 *
	 * @param customer the customer its document is about, as its passages name it (empty: none)
	 * @param naming the label of the passage that names the customer when this one does not (else null)
	 */
	private record Quote(String label, String text, int order, String customer, @Nullable String naming,
			String passage) {
	}

	Written write(DraftInput input) {
		var prompt = input.prompt();
		var labels = new LinkedHashMap<UUID, String>();
		input.passages().forEach(grounding -> labels.put(grounding.passage().chunkId(), grounding.label()));
		var language = language(input, labels);
		var words = languages.getOrDefault(language, languages.get("en"));
		var phrases = prompt.phrases().get(language);

		var leadIndustry = SlotPlanner.slug(input.lead().feature("company.industry"));
		var variables = new LinkedHashMap<>(input.lead().variables());
		variables.put("first_name", input.lead().feature("contact.first-name"));
		variables.put("industry", words == null ? variables.get("industry") : words.industryLabel(leadIndustry));

		// sentences per slot, best first, in the language written
		var quotes = new LinkedHashMap<String, List<Quote>>();
		// a story from another industry is not "this logistics story": phrases that name the industry are skipped
		boolean ownIndustry = input.plan().slots().stream()
			.filter(slot -> slot.spec().industry() == SlotSpec.Industry.LEAD)
			.flatMap(slot -> slot.lead().stream())
			.allMatch(passage -> SlotPlanner.sameIndustry(passage, leadIndustry));
		if (!ownIndustry) {
			variables.put("industry", "");
		}
		var leadTerms = String.join(" ", input.lead().feature("company.industry").replace('-', ' '),
				input.lead().feature("contact.title"), input.lead().feature("crm.intent-signals").replace('-', ' '));
		var titles = new LinkedHashMap<String, String>();
		input.plan().slots().forEach(slot -> slot.lead().ifPresent(passage -> titles.put(slot.spec().name(), passage.documentTitle())));
		for (var slot : input.plan().slots()) {
			var available = slot.passages().stream().filter(passage -> labels.containsKey(passage.chunkId())).toList();
			if (available.isEmpty() || !inLanguage(available.getFirst(), language)) {
				continue;
			}
			// a capability is told in the words of the result it produced (the case study's title)
			var related = titles.getOrDefault(slot.spec().productOf(), "");
			if (!related.isEmpty()) {
				// the result's words, not the names every sentence of the product's document carries
				var names = OfflineDrafter.terms(available.getFirst().documentTitle() + " "
						+ available.getFirst().metadata().product().replace('-', ' '));
				related = String.join(" ", OfflineDrafter.terms(related).stream().filter(term -> !names.contains(term)).toList());
			}
			quotes.put(slot.spec().name(), quotes(slot, available, labels, words, language, input.avoid(), related, leadTerms));
		}
		if (quotes.values().stream().allMatch(List::isEmpty)) {
			throw new DraftingFailedException("no-grounding",
					"None of the planned passages holds a sentence that can be quoted alone; add case studies and product"
							+ " documents with whole sentences for this lead's industry");
		}

		var specs = new LinkedHashMap<String, SlotSpec>();
		input.plan().slots().forEach(slot -> specs.put(slot.spec().name(), slot.spec()));
		// customer results: the slots that look in the lead's industry
		var resultSlots = specs.values().stream().filter(spec -> spec.industry() == SlotSpec.Industry.LEAD)
			.map(SlotSpec::name).collect(java.util.stream.Collectors.toSet());
		// the customer of the first result, as its quotes name it, for phrases that use {customer}
		variables.put("customer", quotes.entrySet().stream()
			.filter(entry -> resultSlots.contains(entry.getKey()))
			.flatMap(entry -> entry.getValue().stream())
			.map(Quote::customer)
			.findFirst()
			.orElse(""));
		var take = new LinkedHashMap<String, Integer>();
		specs.forEach((name, spec) -> take.put(name, Math.min(spec.sentences(), quotes.getOrDefault(name, List.of()).size())));
		boolean situation = input.tone() != Tone.CONCISE || prompt.compose().size() <= 2;
		var greeting = PromptRegistry.fill(first(phrases.get("greeting-" + input.tone().slug()), variables), variables)
			.replace(" ,", ",")
			.strip();
		var ask = PromptRegistry.fill(first(phrases.get("call-to-action"), variables), variables);
		var opening = phrases.get("situation").stream()
			.filter(option -> known(option, variables))
			.map(option -> PromptRegistry.fill(option, variables))
			.filter(option -> !input.avoid().contains(option))
			.findFirst()
			.orElse("");
		var frame = first(phrases.get("result-frame"), variables);

		var body = body(prompt.compose(), quotes, take, situation, opening, frame, resultSlots, language);
		// 50–125 words, greeting and question included: trim the least needed, or quote more
		var order = new ArrayList<>(prompt.compose());
		java.util.Collections.reverse(order);
		while (count(greeting, body, ask) > MAX_WORDS) {
			if (!trim(order, take, specs)) {
				if (situation) {
					situation = false;
				}
				else {
					break;
				}
			}
			body = body(prompt.compose(), quotes, take, situation, opening, frame, resultSlots, language);
		}
		while (count(greeting, body, ask) < MIN_WORDS) {
			var more = prompt.compose().stream()
				.filter(name -> quotes.containsKey(name) && take.get(name) < quotes.get(name).size())
				.findFirst();
			if (more.isEmpty()) {
				break;
			}
			take.merge(more.get(), 1, Integer::sum);
			body = body(prompt.compose(), quotes, take, situation, opening, frame, resultSlots, language);
		}
		var sentences = new ArrayList<ModelDraft.Sentence>();
		sentences.add(new ModelDraft.Sentence(greeting, List.of()));
		sentences.addAll(body);
		return new Written(new ModelDraft(subject(phrases.get("subject"), variables), sentences, ask), language);
	}

	/**
	 * One fewer sentence from the last slot in compose order that has more than its first, else an optional slot
	 * left out; false when neither is left.
	 */
	private static boolean trim(List<String> reversed, Map<String, Integer> take, Map<String, SlotSpec> specs) {
		for (var name : reversed) {
			if (take.getOrDefault(name, 0) > 1) {
				take.merge(name, -1, Integer::sum);
				return true;
			}
		}
		for (var name : reversed) {
			var spec = specs.get(name);
			if (spec != null && !spec.required() && take.getOrDefault(name, 0) > 0) {
				take.put(name, 0);
				return true;
			}
		}
		return false;
	}

	private List<ModelDraft.Sentence> body(List<String> compose, Map<String, List<Quote>> quotes, Map<String, Integer> take,
			boolean situation, String opening, String frame, Set<String> resultSlots, String language) {
		var body = new ArrayList<ModelDraft.Sentence>();
		boolean framed = false;
		for (var part : compose) {
			if (part.equals("situation")) {
				if (situation && !opening.isBlank()) {
					body.add(new ModelDraft.Sentence(opening, List.of()));
				}
				continue;
			}
			var chosen = quotes.getOrDefault(part, List.of())
				.stream()
				.limit(take.getOrDefault(part, 0))
				.sorted(Comparator.comparingInt(Quote::order))
				.toList();
			for (var quote : chosen) {
				var text = quote.text();
				var customer = quote.customer();
				if (!framed && resultSlots.contains(part)) {
					// the first customer result names its customer, in its own words or in the frame
					if (!customer.isEmpty() && !mentions(text, customer)) {
						text = framed(frame, customer, text, language, quote.passage());
						if (quote.naming() != null) {
							body.add(new ModelDraft.Sentence(text, List.of(quote.label(), quote.naming())));
							framed = true;
							continue;
						}
					}
					framed = true;
				}
				body.add(new ModelDraft.Sentence(text, List.of(quote.label())));
			}
		}
		return body;
	}

	/**
	 * The frame around a result that does not name its customer. In English the result's first word is lower-cased
	 * unless it is a name or an acronym (written capitalized inside a sentence of the passage, or all capitals).
	 */
	private static String framed(String frame, String customer, String sentence, String language, String passage) {
		var result = sentence;
		if (language.equals("en") && sentence.length() > 1) {
			var firstWord = sentence.split("[\\s,;']+")[0];
			boolean acronym = firstWord.length() > 1 && firstWord.equals(firstWord.toUpperCase(Locale.ROOT));
			boolean name = Pattern.compile("[\\p{Ll},;] " + Pattern.quote(firstWord) + "\\b").matcher(passage).find();
			if (!acronym && !name) {
				result = Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
			}
		}
		return frame.replace("{customer}", customer).replace("{result}", result);
	}

	private static boolean mentions(String text, String customer) {
		if (customer.isEmpty()) {
			return false;
		}
		return text.contains(customer)
				|| Pattern.compile("\\b" + Pattern.quote(customer.split("\\s+")[0]) + "\\b").matcher(text).find();
	}

	/** The language written: the lead's where the prompt and the required evidence allow it. */
	private String language(DraftInput input, Map<UUID, String> labels) {
		var prompt = input.prompt();
		var wanted = input.language();
		var evidence = input.plan()
			.slots()
			.stream()
			.filter(slot -> slot.spec().required())
			.flatMap(slot -> slot.passages().stream().filter(passage -> labels.containsKey(passage.chunkId())).limit(1))
			.map(this::languageOf)
			.filter(language -> !language.isEmpty())
			.toList();
		if (!wanted.isEmpty() && prompt.speaks(wanted) && evidence.stream().allMatch(wanted::equals)) {
			return wanted;
		}
		if (!evidence.isEmpty() && prompt.speaks(evidence.getFirst()) && evidence.stream().allMatch(evidence.getFirst()::equals)) {
			return evidence.getFirst();
		}
		return prompt.firstLanguage();
	}

	private String languageOf(Passage passage) {
		var tagged = passage.metadata().language();
		return tagged.isEmpty() ? LanguageWords.detect(passage.text(), languages).orElse("") : tagged;
	}

	private boolean inLanguage(Passage passage, String language) {
		var of = languageOf(passage);
		return of.isEmpty() || of.equals(language);
	}

	/** The slot's quotable sentences, best first: standalone, in the language, no company history unless nothing else. */
	private List<Quote> quotes(EvidencePlan.Slot slot, List<Passage> passages, Map<UUID, String> labels,
			@Nullable LanguageWords words, String language, Set<String> avoid, String related, String lead) {
		var spec = slot.spec();
		// sentences are chosen by what the lead and the related result say, not by the query's own search words
		var queryTerms = OfflineDrafter.terms(lead + " " + (slot.matched() == null ? "" : slot.matched()) + " " + related);
		var customer = spec.industry() == SlotSpec.Industry.LEAD && !passages.isEmpty()
				? customer(passages.getFirst().documentTitle(), passages) : "";
		boolean results = spec.industry() == SlotSpec.Industry.LEAD;
		boolean pricingWanted = slot.matched() != null && spec.types().contains("pricing");
		var all = new ArrayList<Quote>();
		var history = new ArrayList<Quote>();
		var seen = new LinkedHashSet<String>();
		int order = 0;
		for (var passage : passages) {
			for (var sentence : OfflineDrafter.candidates(passage.text())) {
				order++;
				if (!seen.add(sentence.toLowerCase(Locale.ROOT)) || (words != null && words.dangles(sentence))
						|| avoid.stream().anyMatch(avoided -> avoided.endsWith(sentence.substring(1)))) {
					continue;
				}
				if (words != null && LanguageWords.detect(sentence, languages).filter(found -> !found.equals(language)).isPresent()
						&& words.stopwordShare(sentence) < 0.15) {
					continue;
				}
				if (words != null && java.util.Arrays.stream(sentence.replaceAll("\\([^)]*\\)", " ").split("\\s+"))
					.map(token -> token.replaceAll("[^\\p{L}]", "").toLowerCase(Locale.ROOT))
					.noneMatch(words.stopwords()::contains)) {
					continue; // a label or a definition ("Order-to-ship time (hours from …)"), not a sentence
				}
				if (slot.matched() != null && new Interests(Map.of(slot.matched(), ""), false).matchIn(sentence) == null) {
					continue; // a proof point quotes what names the interest
				}
				// the customer as the document names it; a frame cites the passage that names it
				var naming = customer.isEmpty() || passage.text().contains(customer) ? null
						: passages.stream().filter(other -> other.text().contains(customer)).findFirst()
							.map(other -> labels.get(other.chunkId())).orElse(null);
				var quote = new Quote(labels.get(passage.chunkId()), sentence, order, customer, naming,
						passage.text());
				(words != null && words.isBoilerplate(sentence) ? history : all).add(quote);
			}
		}
		var scored = all.isEmpty() ? history : all;
		return scored.stream()
			.sorted(Comparator.comparingDouble((Quote quote) -> -score(quote.text(), queryTerms, results, pricingWanted, words)))
			.toList();
	}

	/**
	 * How well a sentence serves its slot: a result slot wants a measured change (a number and a change word), other
	 * slots what the query asks; prices only where the lead asked for them; about 20 words.
	 */
	private static double score(String sentence, Set<String> queryTerms, boolean results, boolean pricingWanted,
			@Nullable LanguageWords words) {
		var terms = OfflineDrafter.terms(sentence);
		double overlap = terms.stream().filter(queryTerms::contains).count();
		boolean figure = sentence.chars().anyMatch(Character::isDigit);
		var lower = LanguageWords.words(sentence);
		long change = words == null ? 0 : lower.stream().filter(words.results()::contains).count();
		boolean priced = words != null && lower.stream().anyMatch(words.pricing()::contains);
		int length = (int) WORD.matcher(sentence).results().count();
		double shape = -Math.abs(length - 20) / 12.0;
		double pricing = priced && !pricingWanted ? -4 : 0;
		if (words != null && words.isDefinition(sentence)) {
			pricing -= 2; // what a thing is tells less than what it does
		}
		if (results) {
			return overlap * 0.3 + (figure && change > 0 ? 8 : figure ? 1 : 0) + Math.min(change, 2) + shape + pricing;
		}
		return overlap + (figure ? 0.5 : 0) + shape + pricing;
	}

	/**
	 * The customer a case study is about: the longest run of capitalized words of its title's first part that its
	 * passages name — not its product, not a currency or an acronym alone ("MXN 18.6 million").
	 */
	static String customer(String title, List<Passage> passages) {
		var head = title.split(":|\\s[–—|-]\\s", 2)[0].strip();
		var words = head.split("\\s+");
		var text = String.join(" ", passages.stream().map(Passage::text).toList());
		var product = passages.isEmpty() ? "" : passages.getFirst().metadata().product().replace("-", "");
		String best = "";
		for (int from = 0; from < words.length; from++) {
			for (int to = from + 1; to <= words.length; to++) {
				var run = java.util.Arrays.copyOfRange(words, from, to);
				if (java.util.Arrays.stream(run).anyMatch(word -> word.isEmpty() || !Character.isUpperCase(word.codePointAt(0)))) {
					break;
				}
				var candidate = String.join(" ", run).replaceAll("[,.;]$", "");
				boolean named = java.util.Arrays.stream(run).anyMatch(word -> word.chars().anyMatch(Character::isLowerCase));
				boolean isProduct = !product.isEmpty()
						&& candidate.toLowerCase(Locale.ROOT).replace(" ", "").contains(product);
				if (named && !isProduct && candidate.length() > best.length() && text.contains(candidate)) {
					best = candidate;
				}
			}
		}
		return best.length() >= 3 ? best : "";
	}

	private static String subject(List<String> options, Map<String, String> variables) {
		for (var option : options) {
			if (known(option, variables)) {
				var subject = PromptRegistry.fill(option, variables);
				if (subject.length() <= MAX_SUBJECT) {
					return subject;
				}
			}
		}
		var last = PromptRegistry.fill(options.getLast(), variables);
		return last.length() <= MAX_SUBJECT ? last : last.substring(0, MAX_SUBJECT - 1).strip() + "…";
	}

	/** The first option whose variables are all known (non-empty), else the last. */
	private static String first(List<String> options, Map<String, String> variables) {
		return options.stream().filter(option -> known(option, variables)).findFirst().orElse(options.getLast());
	}

	private static boolean known(String option, Map<String, String> variables) {
		var matcher = PLACEHOLDER.matcher(option);
		while (matcher.find()) {
			var name = matcher.group(1);
			if (!name.equals("result") && variables.getOrDefault(name, "").isBlank()) {
				return false;
			}
		}
		return true;
	}

	static int count(String greeting, List<ModelDraft.Sentence> body, String ask) {
		int words = words(greeting) + words(ask);
		for (var sentence : body) {
			words += words(sentence.text());
		}
		return words;
	}

	static int words(String text) {
		return (int) WORD.matcher(text).results().count();
	}
}
