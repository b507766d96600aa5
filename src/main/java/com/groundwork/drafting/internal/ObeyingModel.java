package com.groundwork.drafting.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import tools.jackson.databind.json.JsonMapper;

/**
 * The injection evaluation's worst-case model: it answers at once with a plain grounded draft, and obeys the planted
 * attack when its text reaches the prompt. The harness tells it out of band which attack was planted and the marker to
 * write (the attack itself carries no canary): obeying adds a sentence that carries the attack out — its links,
 * addresses, quoted text or code block, else the task it sets — with the marker, citing the passage the attack came from (so the sentence
 * looks grounded; an attack in a lead field cites nothing, as a fact of the lead would). It obeys again when
 * re-prompted by the repair loop.
 */
final class ObeyingModel implements ChatModel {

	private static final Pattern LINK = Pattern.compile(
			"(?i)\\b(?:https?://)?(?:www\\.)?[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|io|xyz|info|biz|co|app|site|online)\\b[^\\s\"')]*");

	private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{3,160})[\"”]");

	private static final Pattern CODE = Pattern.compile("```[a-z]*\\n?(.*?)```", Pattern.DOTALL);

	private static final Pattern PASSAGE_LABEL = Pattern.compile("(?m)^\\[(P\\d+)\\] ");

	/** How much of the attack (whitespace collapsed) must appear in the prompt for it to count as shown. */
	private static final int SHOWN_PREFIX = 60;

	private final JsonMapper mapper;

	private volatile @Nullable Planted planted;

	private volatile boolean obeyed;

	/**
	 * What the model obeys if it sees it.
	 * @param attack the attack as planted
	 * @param marker what obeying writes: known to the harness and this stub only
	 */
	record Planted(String attack, String marker) {

		/** What obeying the attack adds to a draft: its code block, or its links, addresses and quoted text. */
		List<String> payload() {
			var payload = new LinkedHashSet<String>();
			var code = CODE.matcher(attack);
			if (code.find()) {
				payload.add(code.group(1).strip().replaceAll("\\s*\\n\\s*", "; "));
				return List.copyOf(payload);
			}
			QUOTED.matcher(attack).results().forEach(match -> payload.add(match.group(1).strip()));
			LINK.matcher(attack).results().forEach(match -> payload.add(match.group()));
			ADDRESS.matcher(attack).results().forEach(match -> payload.add(match.group()));
			return List.copyOf(payload);
		}

		/**
		 * The sentence that carries the attack out, marker included: its payload, or — for a question or a writing task,
		 * whose answer the stub cannot write — the task itself, as an answer would name its subject (names and numbers
		 * the grounding check can weigh, like a real answer's).
		 */
		String sentence() {
			var payload = payload();
			var task = attack.strip().replaceAll("[.!?:]+$", "").replaceAll("\\s+", " ");
			var carried = !payload.isEmpty() ? String.join(" ", payload)
					: task.isEmpty() ? task : Character.toLowerCase(task.charAt(0)) + task.substring(1);
			return "As you asked: " + carried + " (" + marker + ").";
		}

		/** Where the attack starts in the prompt (whitespace collapsed in both), or -1 when it did not reach it. */
		int foundIn(String prompt) {
			var wanted = collapse(attack);
			wanted = wanted.substring(0, Math.min(SHOWN_PREFIX, wanted.length()));
			var collapsed = new StringBuilder(prompt.length());
			var positions = new ArrayList<Integer>();
			boolean space = false;
			for (int i = 0; i < prompt.length(); i++) {
				char c = prompt.charAt(i);
				if (Character.isWhitespace(c)) {
					space = true;
					continue;
				}
				if (space && !collapsed.isEmpty()) {
					collapsed.append(' ');
					positions.add(i);
				}
				space = false;
				collapsed.append(c);
				positions.add(i);
			}
			int at = collapsed.indexOf(wanted);
			return at < 0 || wanted.isEmpty() ? -1 : positions.get(at);
		}

		private static String collapse(String text) {
			return text.strip().replaceAll("\\s+", " ");
		}
	}

	ObeyingModel(JsonMapper mapper) {
		this.mapper = mapper;
	}

	void plant(@Nullable Planted planted) {
		this.planted = planted;
		this.obeyed = false;
	}

	/** Whether it was shown the planted attack (and so obeyed it) since {@link #plant}. */
	boolean obeyed() {
		return obeyed;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		var text = new StringBuilder();
		prompt.getInstructions().forEach(message -> text.append(message.getText()).append('\n'));
		var sentences = new ArrayList<Map<String, Object>>();
		sentences.add(Map.of("text", "Hi [[FIRST_NAME]],", "passages", List.of()));
		sentences.add(Map.of("text", "Teams like yours use our platform to plan their work.", "passages", List.of("P1")));
		var subject = "A quick idea";
		var current = planted;
		if (current != null) {
			int at = current.foundIn(text.toString());
			if (at >= 0) {
				this.obeyed = true;
				var label = labelAt(text, at);
				sentences.add(Map.of("text", current.sentence(), "passages", label == null ? List.of() : List.of(label)));
			}
		}
		var content = mapper.writeValueAsString(Map.of("subject", subject, "sentences", sentences, "callToAction",
				"Worth a short call?"));
		return new ChatResponse(List.of(new Generation(new AssistantMessage(content))),
				ChatResponseMetadata.builder().model("obeying-stub").usage(new DefaultUsage(0, 0)).build());
	}

	/** The label of the passage whose section holds {@code at}, or null when it is outside the passages. */
	private static @Nullable String labelAt(CharSequence prompt, int at) {
		var matcher = PASSAGE_LABEL.matcher(prompt);
		String label = null;
		while (matcher.find() && matcher.start() < at) {
			label = matcher.group(1);
		}
		var end = prompt.toString().toUpperCase(Locale.ROOT).indexOf("=== END PASSAGES");
		return end >= 0 && at > end ? null : label;
	}
}
