package com.groundwork.drafting.internal.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.FileSystemResource;

/**
 * The weights and ranges of the email score, as {@code guardrails/email-score.yaml} holds them. Bound with Spring
 * Boot's binder (unknown keys refused) and checked here: every field is required and the weights add up to 100.
 */
record ScoreRules(String version, Weights weights, Range bodyWords, Subject subject, Readability readability,
		Personalization personalization, SpamTriggers spamTriggers, Links links) {

	record Weights(int bodyLength, int readability, int subjectLength, int oneAsk, int personalization,
			int evidenceFit, int spamTriggers, int links) {

		int total() {
			return bodyLength + readability + subjectLength + oneAsk + personalization + evidenceFit + spamTriggers
					+ links;
		}
	}

	record Range(int min, int max) {
	}

	record Subject(int maxChars) {
	}

	record Readability(double goodEase, double poorEase) {
	}

	record Personalization(int fullAt) {
	}

	record SpamTriggers(int pointsEach) {
	}

	record Links(int max, int pointsEachExtra, int pointsEachBare) {
	}

	/** The shape the file binds to: every field nullable, so that a missing one is named rather than read as 0. */
	record File(@Nullable String version, @Nullable FileWeights weights, @Nullable FileRange bodyWords,
			@Nullable FileSubject subject, @Nullable FileReadability readability,
			@Nullable FilePersonalization personalization, @Nullable FileSpamTriggers spamTriggers,
			@Nullable FileLinks links) {
	}

	record FileWeights(@Nullable Integer bodyLength, @Nullable Integer readability, @Nullable Integer subjectLength,
			@Nullable Integer oneAsk, @Nullable Integer personalization, @Nullable Integer evidenceFit,
			@Nullable Integer spamTriggers, @Nullable Integer links) {
	}

	record FileRange(@Nullable Integer min, @Nullable Integer max) {
	}

	record FileSubject(@Nullable Integer maxChars) {
	}

	record FileReadability(@Nullable Double goodEase, @Nullable Double poorEase) {
	}

	record FilePersonalization(@Nullable Integer fullAt) {
	}

	record FileSpamTriggers(@Nullable Integer pointsEach) {
	}

	record FileLinks(@Nullable Integer max, @Nullable Integer pointsEachExtra, @Nullable Integer pointsEachBare) {
	}

	/**
	 * Reads and checks the file.
	 * @throws ScoreRulesInvalidException naming the file and what is wrong with it (missing, not YAML, unknown or
	 * missing field, out-of-range value, weights not adding up to 100)
	 */
	static ScoreRules load(Path path) {
		String name = path.toString();
		if (!Files.isRegularFile(path)) {
			throw new ScoreRulesInvalidException(name, List.of("does not exist; the email score needs its weights "
					+ "and ranges there (set groundwork.guardrails.dir to the guardrails/ folder)"));
		}
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		try {
			ConfigurationPropertySources.from(new YamlPropertySourceLoader().load(name, new FileSystemResource(path)))
				.forEach(sources::add);
		}
		catch (IOException | RuntimeException ex) {
			throw new ScoreRulesInvalidException(name, List.of("is not valid YAML: " + firstLine(ex.getMessage())));
		}
		File file;
		try {
			file = new Binder(sources).bindOrCreate(ConfigurationPropertyName.EMPTY, Bindable.of(File.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
				throw new ScoreRulesInvalidException(name, unbound.getUnboundProperties()
					.stream()
					.map(property -> property.getName() + ": is not a field of the email score rules")
					.sorted()
					.toList());
			}
			var property = ex.getProperty();
			var type = ex.getTarget().getType().resolve();
			boolean number = type == Integer.class || type == Double.class;
			throw new ScoreRulesInvalidException(name, List.of((property == null ? ex.getName().toString()
					: property.getName() + " '" + property.getValue() + "'")
					+ (number ? ": is not a number" : ": must be a section with its fields (see guardrails/README.md)")));
		}
		return of(name, file);
	}

	private static ScoreRules of(String name, File file) {
		var problems = new ArrayList<String>();
		var w = file.weights() == null ? new FileWeights(null, null, null, null, null, null, null, null) : file.weights();
		var weights = new Weights(required(problems, "weights.body-length", w.bodyLength(), 0, 100),
				required(problems, "weights.readability", w.readability(), 0, 100),
				required(problems, "weights.subject-length", w.subjectLength(), 0, 100),
				required(problems, "weights.one-ask", w.oneAsk(), 0, 100),
				required(problems, "weights.personalization", w.personalization(), 0, 100),
				required(problems, "weights.evidence-fit", w.evidenceFit(), 0, 100),
				required(problems, "weights.spam-triggers", w.spamTriggers(), 0, 100),
				required(problems, "weights.links", w.links(), 0, 100));
		if (problems.isEmpty() && weights.total() != 100) {
			problems.add("weights: must add up to 100, add up to " + weights.total());
		}
		var b = file.bodyWords() == null ? new FileRange(null, null) : file.bodyWords();
		var bodyWords = new Range(required(problems, "body-words.min", b.min(), 1, 10_000),
				required(problems, "body-words.max", b.max(), 1, 10_000));
		if (bodyWords.min() > bodyWords.max()) {
			problems.add("body-words: min (" + bodyWords.min() + ") must not exceed max (" + bodyWords.max() + ")");
		}
		var subject = new Subject(required(problems, "subject.max-chars",
				file.subject() == null ? null : file.subject().maxChars(), 1, 1000));
		var r = file.readability() == null ? new FileReadability(null, null) : file.readability();
		var readability = new Readability(requiredDouble(problems, "readability.good-ease", r.goodEase()),
				requiredDouble(problems, "readability.poor-ease", r.poorEase()));
		if (readability.poorEase() >= readability.goodEase()) {
			problems.add("readability: poor-ease (" + readability.poorEase() + ") must be below good-ease ("
					+ readability.goodEase() + ")");
		}
		var personalization = new Personalization(required(problems, "personalization.full-at",
				file.personalization() == null ? null : file.personalization().fullAt(), 1, 20));
		var spam = new SpamTriggers(required(problems, "spam-triggers.points-each",
				file.spamTriggers() == null ? null : file.spamTriggers().pointsEach(), 0, 100));
		var l = file.links() == null ? new FileLinks(null, null, null) : file.links();
		var links = new Links(required(problems, "links.max", l.max(), 0, 100),
				required(problems, "links.points-each-extra", l.pointsEachExtra(), 0, 100),
				required(problems, "links.points-each-bare", l.pointsEachBare(), 0, 100));
		if (file.version() == null || file.version().isBlank()) {
			problems.add("version: is required");
		}
		if (!problems.isEmpty()) {
			throw new ScoreRulesInvalidException(name, problems);
		}
		return new ScoreRules(file.version(), weights, bodyWords, subject, readability, personalization, spam, links);
	}

	private static int required(List<String> problems, String field, @Nullable Integer value, int min, int max) {
		if (value == null) {
			problems.add(field + ": is required");
			return min;
		}
		if (value < min || value > max) {
			problems.add(field + ": must be between " + min + " and " + max + ", is " + value);
		}
		return value;
	}

	private static double requiredDouble(List<String> problems, String field, @Nullable Double value) {
		if (value == null) {
			problems.add(field + ": is required");
			return 0;
		}
		return value;
	}

	private static String firstLine(@Nullable String message) {
		return message == null ? "" : message.lines().findFirst().orElse("");
	}
}
