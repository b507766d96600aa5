package com.groundwork.guardrail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.Span;

/**
 * The learned part of the personal-data detector: OpenNLP's maximum-entropy name finder trained by
 * {@code eval/run train-pii-names} (model {@code guardrails/models/pii-names.bin}), finding person names, places and
 * street addresses that have no pattern. It also learned organizations, so that a company is not taken for a person;
 * those are not reported. A {@link NameFinderME} is not thread-safe: one per thread, over one shared model.
 */
final class LearnedNameFinder {

	/** The learned types that are personal data. */
	static final Set<String> REPORTED = Set.of("PERSON", "LOCATION", "STREET_ADDRESS");

	private final ThreadLocal<NameFinderME> finders;

	private LearnedNameFinder(TokenNameFinderModel model) {
		this.finders = ThreadLocal.withInitial(() -> new NameFinderME(model));
	}

	static LearnedNameFinder load(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new LearnedNameFinder(new TokenNameFinderModel(in));
		}
	}

	/** Names with the model's mean token probability as their score; tokenized as in training. */
	List<PiiEntity> find(String text) {
		Span[] tokens = SimpleTokenizer.INSTANCE.tokenizePos(text);
		if (tokens.length == 0) {
			return List.of();
		}
		var words = new String[tokens.length];
		for (int i = 0; i < tokens.length; i++) {
			words[i] = text.substring(tokens[i].getStart(), tokens[i].getEnd());
		}
		var finder = finders.get();
		Span[] names;
		double[] probabilities;
		try {
			names = finder.find(words);
			probabilities = finder.probs(names);
		}
		finally {
			finder.clearAdaptiveData(); // each text stands alone
		}
		var found = new ArrayList<PiiEntity>(names.length);
		for (int i = 0; i < names.length; i++) {
			var name = names[i];
			if (!REPORTED.contains(name.getType())) {
				continue;
			}
			int start = tokens[name.getStart()].getStart();
			int end = tokens[name.getEnd() - 1].getEnd();
			found.add(new PiiEntity(name.getType(), start, end, text.substring(start, end), probabilities[i]));
		}
		return found;
	}
}
