package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.DraftCheck;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One check run: the draft split into its fields, with what the checks share computed once (lower-cased passages
 * and lead facts) and what the injection scan found in the untrusted inputs.
 */
final class CheckContext {

	/**
	 * A checked piece of text: the subject, a body sentence or the call to action.
	 *
	 * @param name the span field: {@code subject}, {@code sentence[i]}, {@code callToAction}
	 * @param index the sentence index, or -1
	 */
	record Field(String name, String text, List<String> citations, int index) {

		boolean sentence() {
			return index >= 0;
		}
	}

	/**
	 * Untrusted text the injection scan flagged, by its span field ({@code passage:<id>}, {@code input:<name>}).
	 *
	 * @param text the flagged part: the signal with its surrounding context in its line
	 */
	record Flagged(String field, String category, String text, String evidence) {
	}

	final DraftCheck draft;
	final Policy policy;
	/** The word lists of the draft's language. */
	final Policy.Wording wording;
	final ConsentRules consent;
	final LocalDate today;
	final List<Field> fields;
	final Map<String, DraftCheck.Passage> passages;
	/** The lead facts claims may rest on ({@link GroundingFacts}), lower-cased. */
	final String facts;
	final List<Flagged> flagged = new ArrayList<>();
	private final Map<String, String> lowerPassages = new HashMap<>();
	private @Nullable String allPassages;
	private @Nullable String allInputs;
	private final Map<String, Set<String>> stems = new HashMap<>();
	private final Map<String, List<Numbers.Number>> numbers = new HashMap<>();

	CheckContext(DraftCheck draft, Policy policy, ConsentRules consent, LocalDate today) {
		this.draft = draft;
		this.policy = policy;
		this.wording = policy.wording(draft.language());
		this.consent = consent;
		this.today = today;
		var fields = new ArrayList<Field>();
		fields.add(new Field("subject", draft.subject(), List.of(), -1));
		for (int i = 0; i < draft.sentences().size(); i++) {
			var sentence = draft.sentences().get(i);
			fields.add(new Field("sentence[" + i + "]", sentence.text(), sentence.citations(), i));
		}
		if (!draft.callToAction().isBlank()) {
			fields.add(new Field("callToAction", draft.callToAction(), List.of(), -1));
		}
		this.fields = List.copyOf(fields);
		var passages = new LinkedHashMap<String, DraftCheck.Passage>();
		draft.passages().forEach(passage -> passages.putIfAbsent(passage.id(), passage));
		this.passages = passages;
		this.facts = GroundingFacts.of(draft.leadFacts());
	}

	/** A passage's text, lower-cased, markdown emphasis removed; empty for an unknown id. */
	String passage(String id) {
		return lowerPassages.computeIfAbsent(id, key -> {
			var passage = passages.get(key);
			return passage == null ? "" : Texts.lower(passage.title() + "\n" + passage.text()).replace("**", "").replace("__", "");
		});
	}

	/** Every passage, lower-cased, one text. */
	String allPassages() {
		if (allPassages == null) {
			var joined = new StringBuilder();
			passages.keySet().forEach(id -> joined.append(passage(id)).append('\n'));
			allPassages = joined.toString();
		}
		return allPassages;
	}

	/** Every untrusted input (CRM fields, notes), lower-cased, one text. */
	String allInputs() {
		if (allInputs == null) {
			allInputs = Texts.lower(String.join("\n", draft.untrustedInputs().values()));
		}
		return allInputs;
	}

	/** The lower-cased text of what a field cites: its passages, or every passage for subject and call to action. */
	String evidenceOf(Field field) {
		if (!field.sentence()) {
			return allPassages();
		}
		if (field.citations().size() == 1) {
			return passage(field.citations().getFirst());
		}
		var joined = new StringBuilder();
		field.citations().forEach(id -> joined.append(passage(id)).append('\n'));
		return joined.toString();
	}

	/** The stems of a (lower-cased) evidence text's words in the draft's language, computed once per text. */
	Set<String> stemsOf(String evidence) {
		return stems.computeIfAbsent(evidence, text -> Set.copyOf(wording.stemmer().stemsOf(text)));
	}

	/** The numbers of a (lower-cased) evidence text, computed once per text. */
	List<Numbers.Number> numbersOf(String evidence) {
		return numbers.computeIfAbsent(evidence, text -> Numbers.scan(text, policy.numberScales()));
	}

	boolean passageFlagged(String id) {
		var field = "passage:" + id;
		return flagged.stream().anyMatch(flag -> flag.field().equals(field));
	}
}
