package com.groundwork.guardrail.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The personal-data detector every caller uses (the {@code pii} check, masking before model calls, log masking, audit
 * details): the patterns ({@link PatternPiiDetector}), the context rules ({@link PiiContextRules}) and the learned name
 * finder ({@link LearnedNameFinder}). Overlaps are resolved by certainty tier: check-digit and shape patterns first,
 * then dates of birth and ages, then names and addresses (overlapping ones of one type merged), then postal codes.
 * Names of the tenant's knowledge base ({@link KnowledgeNames}) are not personal data. Deterministic; never throws: a
 * missing model leaves the patterns and rules. The only {@link PiiDetector} bean ({@link GuardrailConfiguration}).
 */
class CombinedPiiDetector implements PiiDetector {

	private static final Logger log = LoggerFactory.getLogger(CombinedPiiDetector.class);

	/** Learned names below this score are not reported: none, the perceptron's scores are not probabilities (chosen on the development part). */
	static final double NAME_THRESHOLD = 0.0;

	private static final Set<String> NAME_TYPES = Set.of("PERSON", "LOCATION", "STREET_ADDRESS");

	private final PatternPiiDetector patterns = new PatternPiiDetector();

	private final @Nullable LearnedNameFinder names;

	private final KnowledgeNames knowledgeNames;

	private final double nameThreshold;

	private final Set<String> notNames;

	CombinedPiiDetector(@Nullable LearnedNameFinder names, KnowledgeNames knowledgeNames) {
		this(names, knowledgeNames, NAME_THRESHOLD, notNames(Path.of("guardrails/pii-not-names.txt")));
	}

	CombinedPiiDetector(@Nullable LearnedNameFinder names, KnowledgeNames knowledgeNames, double nameThreshold) {
		this(names, knowledgeNames, nameThreshold, notNames(Path.of("guardrails/pii-not-names.txt")));
	}

	CombinedPiiDetector(@Nullable LearnedNameFinder names, KnowledgeNames knowledgeNames, double nameThreshold,
			Set<String> notNames) {
		this.names = names;
		this.knowledgeNames = knowledgeNames;
		this.nameThreshold = nameThreshold;
		this.notNames = notNames;
	}

	/** The words of {@code pii-not-names.txt}, lower-cased; none when the file is missing. */
	static Set<String> notNames(Path file) {
		try {
			var words = new java.util.HashSet<String>();
			for (var line : Files.readAllLines(file)) {
				if (!line.startsWith("#")) {
					for (var word : line.strip().split("\\s+")) {
						if (!word.isEmpty()) {
							words.add(word.toLowerCase(java.util.Locale.ROOT));
						}
					}
				}
			}
			return Set.copyOf(words);
		}
		catch (java.io.IOException ex) {
			return Set.of();
		}
	}

	/** With the model of the policy folder ({@code models/pii-names.bin}) and the names of the knowledge folder. */
	static CombinedPiiDetector withModel(Path guardrailsDir, Path knowledge) {
		return new CombinedPiiDetector(loadModel(guardrailsDir.resolve("models/pii-names.bin")), KnowledgeNames.of(knowledge),
				NAME_THRESHOLD, notNames(guardrailsDir.resolve("pii-not-names.txt")));
	}

	private static @Nullable LearnedNameFinder loadModel(Path file) {
		if (!Files.isRegularFile(file)) {
			log.warn("No personal-data name model at {}: names, places and addresses are found by context rules only "
					+ "(train one with eval/run train-pii-names)", file);
			return null;
		}
		try {
			return LearnedNameFinder.load(file);
		}
		catch (Exception ex) {
			log.warn("The personal-data name model {} cannot be read ({}): context rules only", file, ex.toString());
			return null;
		}
	}

	/** The same detector without the knowledge base's names (to measure what they spare). */
	CombinedPiiDetector withoutKnowledgeNames() {
		return new CombinedPiiDetector(names, KnowledgeNames.none(), nameThreshold, notNames);
	}

	boolean learned() {
		return names != null;
	}

	@Override
	public List<PiiEntity> detect(String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		try {
			var patternFound = patterns.detect(text);
			var strict = new ArrayList<PiiEntity>();
			var named = new ArrayList<PiiEntity>();
			for (var entity : patternFound) {
				(entity.type().equals("PERSON") ? named : strict).add(entity);
			}
			var rules = new ArrayList<PiiEntity>();
			PiiContextRules.detect(text, rules);
			var birthAndAge = new ArrayList<PiiEntity>();
			var postal = new ArrayList<PiiEntity>();
			for (var entity : rules) {
				switch (entity.type()) {
					case "STREET_ADDRESS" -> named.add(entity);
					case "ZIP_CODE" -> postal.add(entity);
					default -> birthAndAge.add(entity);
				}
			}
			if (names != null) {
				for (var learned : names.find(text)) {
					var entity = learned;
					entity = withoutLeadingNotNames(entity);
					if (entity != null && entity.score() >= nameThreshold) {
						// The model's own probability orders learned names among themselves; once above the threshold
						// a learned name ranks like a rule's (0.5 to 1).
						named.add(new PiiEntity(entity.type(), entity.start(), entity.end(), entity.value(),
								0.5 + entity.score() / 2));
					}
				}
			}
			named.removeIf(entity -> knowledgeNames.contains(entity.value()) || implausible(entity, text));
			var chosen = new ArrayList<PiiEntity>();
			take(chosen, strict);
			take(chosen, birthAndAge);
			take(chosen, merged(named, text));
			take(chosen, postal);
			chosen.sort(Comparator.comparingInt(PiiEntity::start));
			return List.copyOf(chosen);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Never throws: the caller sees the check-digit patterns alone rather than nothing.
			return patterns.detect(text);
		}
	}

	/**
	 * Learned names that are rarely personal data: a short all-capital word far from any digit (an acronym such as
	 * "OTIF" or "SKU", not a state code on an address line), a word in lower case on a line that uses capitals (the
	 * model's lower-case names come from all-lower-case text), a street address without a number.
	 */
	static boolean implausible(PiiEntity entity, String text) {
		var value = entity.value();
		if (value.indexOf('|') >= 0 || value.indexOf('*') >= 0) {
			return true; // a table row or Markdown emphasis, not a name
		}
		if (entity.type().equals("STREET_ADDRESS")) {
			// An address has a number and a capital, and is not a clause ("von 164 auf 52 Minuten gesenkt").
			long plainWords = java.util.Arrays.stream(value.split("\\s+"))
				.filter(word -> word.length() >= 3 && Character.isLowerCase(word.charAt(0))
						&& !NAME_PARTICLES.contains(word))
				.count();
			return value.chars().noneMatch(Character::isDigit) || value.chars().noneMatch(Character::isUpperCase)
					|| plainWords >= 2;
		}
		if (value.chars().anyMatch(Character::isDigit)) {
			return true; // "2M", "Q3": names and places carry no digits
		}
		if (Character.isUpperCase(value.charAt(0)) && lowerCaseWordAfterFirst(value)) {
			return true; // "Inbound trucks", "Spanish or English": a capitalized name has no plain lower-case word
		}
		if (value.length() <= 5 && value.chars().allMatch(c -> Character.isUpperCase(c) || c == '.')) {
			var around = text.substring(Math.max(0, entity.start() - 30), Math.min(text.length(), entity.end() + 30));
			return around.chars().noneMatch(Character::isDigit);
		}
		if (Character.isLowerCase(value.charAt(0))) {
			int lineStart = text.lastIndexOf('\n', entity.start()) + 1;
			int lineEnd = text.indexOf('\n', entity.end());
			var line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
			return line.chars().anyMatch(Character::isUpperCase);
		}
		return false;
	}

	/** The entity without the sentence-start words it begins with ("Guten Tag Frau Albers"), or null when none is left. */
	private @Nullable PiiEntity withoutLeadingNotNames(PiiEntity entity) {
		if (entity.type().equals("STREET_ADDRESS")) {
			return entity;
		}
		int start = entity.start();
		var value = entity.value();
		while (true) {
			int space = value.indexOf(' ');
			var first = (space < 0 ? value : value.substring(0, space)).replaceAll("[,.:;!?]+$", "");
			if (!notNames.contains(first.toLowerCase(java.util.Locale.ROOT))) {
				break;
			}
			if (space < 0) {
				return null;
			}
			start += space + 1;
			value = value.substring(space + 1);
		}
		return new PiiEntity(entity.type(), start, entity.end(), value, entity.score());
	}

	private static final Set<String> NAME_PARTICLES = Set.of("van", "von", "de", "da", "del", "der", "di", "le", "la", "du",
			"bin", "al", "ten", "ter", "den", "dos", "das", "do", "y", "e", "zu", "af", "av", "st");

	private static boolean lowerCaseWordAfterFirst(String value) {
		var words = value.split("[\\s]+");
		for (int i = 1; i < words.length; i++) {
			var word = words[i];
			if (!word.isEmpty() && Character.isLowerCase(word.charAt(0))
					&& !NAME_PARTICLES.contains(word.replace(".", "").toLowerCase(java.util.Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	/** Adds the most certain candidates that overlap nothing chosen so far. */
	private static void take(List<PiiEntity> chosen, List<PiiEntity> candidates) {
		var sorted = new ArrayList<>(candidates);
		sorted.sort(Comparator.comparingDouble(PiiEntity::score)
			.reversed()
			.thenComparing(Comparator.comparingInt((PiiEntity entity) -> entity.end() - entity.start()).reversed())
			.thenComparingInt(PiiEntity::start));
		for (var candidate : sorted) {
			if (candidate.score() >= PatternPiiDetector.THRESHOLD
					&& chosen.stream().noneMatch(kept -> kept.start() < candidate.end() && candidate.start() < kept.end())) {
				chosen.add(candidate);
			}
		}
	}

	/** Overlapping names of one type become one ("Mr. Smith" by rule, "John Smith" by the model). */
	private static List<PiiEntity> merged(List<PiiEntity> named, String text) {
		var sorted = new ArrayList<>(named);
		sorted.sort(Comparator.comparing(PiiEntity::type).thenComparingInt(PiiEntity::start));
		var out = new ArrayList<PiiEntity>();
		for (var entity : sorted) {
			var last = out.isEmpty() ? null : out.getLast();
			if (last != null && last.type().equals(entity.type()) && entity.start() < last.end()) {
				int end = Math.max(last.end(), entity.end());
				out.set(out.size() - 1, new PiiEntity(last.type(), last.start(), end, text.substring(last.start(), end),
						Math.max(last.score(), entity.score())));
			}
			else {
				out.add(entity);
			}
		}
		return out;
	}

	static boolean nameType(String type) {
		return NAME_TYPES.contains(type);
	}
}
