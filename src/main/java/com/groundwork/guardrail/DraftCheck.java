package com.groundwork.guardrail;

import com.groundwork.identity.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything the guardrails need to judge one draft. The module reads nothing else, so any client (drafting, review
 * after an edit, {@code POST /api/guardrails/check}) can ask.
 *
 * @param draftId the stored draft, or null for an ad-hoc check
 * @param sentences the body, sentence by sentence, with the passages each cites
 * @param passages the retrieved passages the draft could cite (untrusted: scanned for injection)
 * @param leadFacts the lead's features allowed for generation, name → value (claims may rest on them)
 * @param untrustedInputs other untrusted text that reached the prompt, name → text (e.g. {@code crm.notes})
 * @param recipient whom it would go to, or null when not known (compliance checks then report it)
 * @param language the language the draft is written in, ISO 639-1 lower-case ({@code de-AT} is read as {@code de});
 *        empty when unknown: then grounding follows the policy's default language and wording is checked against
 *        every language's lists
 */
public record DraftCheck(TenantId tenant, @Nullable UUID draftId, String channel, String subject,
		List<Sentence> sentences, String callToAction, List<Passage> passages, Map<String, String> leadFacts,
		Map<String, String> untrustedInputs, @Nullable Recipient recipient, String language) {

	public DraftCheck {
		Objects.requireNonNull(tenant, "tenant");
		language = language == null ? "" : language.strip().toLowerCase(java.util.Locale.ROOT).split("[-_]", 2)[0];
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(callToAction, "callToAction");
		sentences = List.copyOf(sentences);
		passages = List.copyOf(passages);
		leadFacts = Map.copyOf(leadFacts);
		untrustedInputs = Map.copyOf(untrustedInputs);
	}

	/** A check of a draft whose language is not known. */
	public DraftCheck(TenantId tenant, @Nullable UUID draftId, String channel, String subject, List<Sentence> sentences,
			String callToAction, List<Passage> passages, Map<String, String> leadFacts,
			Map<String, String> untrustedInputs, @Nullable Recipient recipient) {
		this(tenant, draftId, channel, subject, sentences, callToAction, passages, leadFacts, untrustedInputs,
				recipient, "");
	}

	/** The same check in another language (ISO 639-1, empty when unknown). */
	public DraftCheck inLanguage(String language) {
		return new DraftCheck(tenant, draftId, channel, subject, sentences, callToAction, passages, leadFacts,
				untrustedInputs, recipient, language);
	}

	/** The body as one text, sentences joined by spaces (the {@code body} field of spans). */
	public String body() {
		return String.join(" ", sentences.stream().map(Sentence::text).toList());
	}

	/** @param citations ids of the passages this sentence cites ({@link Passage#id()}) */
	public record Sentence(String text, List<String> citations) {
		public Sentence {
			Objects.requireNonNull(text, "text");
			citations = List.copyOf(citations);
		}
	}

	/** @param id the chunk id a sentence cites */
	public record Passage(String id, String title, String text) {
		public Passage {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(title, "title");
			Objects.requireNonNull(text, "text");
		}
	}
}
