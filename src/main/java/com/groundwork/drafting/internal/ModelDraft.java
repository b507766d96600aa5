package com.groundwork.drafting.internal;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * A draft as a tier writes it (the structured output the model tiers must answer with): a subject, the body's
 * sentences each with the labels ({@code P1}, {@code P2}, …) of the passages that support it, and a call to action.
 */
record ModelDraft(@JsonPropertyDescription("Email subject, at most 80 characters, no facts") String subject,
		@JsonPropertyDescription("The body, one entry per sentence, in order, greeting first") List<Sentence> sentences,
		@JsonPropertyDescription("One closing sentence asking for a next step, no facts") String callToAction) {

	ModelDraft {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(callToAction, "callToAction");
		sentences = List.copyOf(sentences);
	}

	/** One sentence of the body with the passages that support it (none for greetings and transitions). */
	record Sentence(@JsonPropertyDescription("The sentence") String text,
			@JsonPropertyDescription("Ids of the passages that support the sentence, e.g. [\"P1\"]; empty if it states no fact") List<String> passages) {

		Sentence {
			Objects.requireNonNull(text, "text");
			passages = passages == null ? List.of() : List.copyOf(passages);
		}
	}
}
