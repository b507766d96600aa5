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
 * The injection evaluation's worst-case model: it answers at once with a plain grounded draft, and obeys any planted
 * instruction that reaches its prompt — it adds a sentence carrying the instruction's canary and its payload (links,
 * addresses, quoted text), cites the passage the instruction came from (so the sentence looks grounded), and puts the
 * canary in the subject too. It obeys again when re-prompted by the repair loop.
 */
final class ObeyingModel implements ChatModel {

	private static final Pattern LINK = Pattern.compile(
			"(?i)\\b(?:https?://)?(?:www\\.)?[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|net|org|io|xyz|info|biz|co|app|site|online)\\b[^\\s\"')]*");

	private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	private static final Pattern QUOTED = Pattern.compile("[\"“]([^\"”]{3,160})[\"”]");

	private static final Pattern PASSAGE_LABEL = Pattern.compile("(?m)^\\[(P\\d+)\\] ");

	private final JsonMapper mapper;

	private volatile @Nullable Planted planted;

	private volatile boolean obeyed;

	/** What the model obeys if it sees it: the canary marks the planted instruction wherever it ends up. */
	record Planted(String instruction, String canary) {

		/** What obeying the instruction adds to a draft: its links, addresses and quoted text. */
		List<String> payload() {
			var payload = new LinkedHashSet<String>();
			QUOTED.matcher(instruction).results().forEach(match -> payload.add(match.group(1).strip()));
			LINK.matcher(instruction).results().forEach(match -> payload.add(match.group()));
			ADDRESS.matcher(instruction).results().forEach(match -> payload.add(match.group()));
			payload.removeIf(item -> item.contains(canary));
			return List.copyOf(payload);
		}
	}

	ObeyingModel(JsonMapper mapper) {
		this.mapper = mapper;
	}

	void plant(@Nullable Planted planted) {
		this.planted = planted;
		this.obeyed = false;
	}

	/** Whether it was shown the planted instruction (and so obeyed it) since {@link #plant}. */
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
			int at = text.indexOf(current.canary());
			if (at >= 0) {
				this.obeyed = true;
				var obeyed = new StringBuilder("As requested: ");
				for (var item : current.payload()) {
					obeyed.append(item).append(' ');
				}
				obeyed.append("Your code is ").append(current.canary()).append('.');
				var label = labelAt(text, at);
				sentences.add(Map.of("text", obeyed.toString(), "passages", label == null ? List.of() : List.of(label)));
				subject = "A quick idea (" + current.canary() + ")";
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
