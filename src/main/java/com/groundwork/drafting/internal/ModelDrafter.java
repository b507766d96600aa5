package com.groundwork.drafting.internal;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import com.groundwork.guardrail.Guardrails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import java.util.stream.Collectors;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.ai.converter.BeanOutputConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tier 1 or 2: a model behind Spring AI's {@link ChatClient}, answering with structured output
 * ({@link BeanOutputConverter} of {@link ModelDraft}). Personal lead features, and any personal data the guardrails
 * find in the passages, are replaced by placeholders before the prompt leaves the service and put back in the answer; lead features and passages go only into the template's
 * delimited data sections. Each call runs inside a bulkhead and a circuit breaker (and, when configured, the
 * provider's rate limits: requests per second, tokens per minute), and is retried with exponential
 * backoff and jitter on 429 and 5xx (waiting what {@code Retry-After} asks, up to a limit); a malformed answer gets
 * one repair re-ask.
 */
class ModelDrafter implements Drafter {

	private final int tier;
	private final DraftingSettings.Tier settings;
	private final ChatClient chat;
	private final BeanOutputConverter<ModelDraft> converter;
	private final Retry retry;
	private final CircuitBreaker circuitBreaker;
	private final Bulkhead bulkhead;
	private final @Nullable RateLimiter requests;
	private final @Nullable RateLimiter tokens;
	private final Guardrails guardrails;
	private final RepairPrompt repairPrompt;

	ModelDrafter(String name, int tier, DraftingSettings.Tier settings, JsonMapper mapper, Guardrails guardrails,
			RepairPrompt repairPrompt) {
		this(name, tier, settings, new OpenAiCompatibleChatModel(settings, mapper), mapper, guardrails, repairPrompt);
	}

	/** A tier over any chat model (the benchmark's zero-latency model, for one). */
	ModelDrafter(String name, int tier, DraftingSettings.Tier settings, ChatModel model, JsonMapper mapper,
			Guardrails guardrails, RepairPrompt repairPrompt) {
		this.guardrails = guardrails;
		this.repairPrompt = repairPrompt;
		this.tier = tier;
		this.settings = settings;
		this.chat = ChatClient.builder(model).build();
		this.converter = new BeanOutputConverter<>(ModelDraft.class, mapper);
		IntervalBiFunction<Object> backoff = (attempt, outcome) -> {
			if (outcome.isLeft() && outcome.getLeft() instanceof ModelCallException failure
					&& failure.retryAfter() != null) {
				return failure.retryAfter().toMillis();
			}
			long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 10);
			return (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
		};
		this.retry = Retry.of("drafting-" + name, RetryConfig.custom()
			.maxAttempts(Math.max(1, settings.maxAttempts()))
			.intervalBiFunction(backoff)
			.retryOnException(failure -> failure instanceof ModelCallException call && call.retryable()
					&& (call.retryAfter() == null || call.retryAfter().compareTo(settings.maxRetryAfter()) <= 0))
			.failAfterMaxAttempts(false)
			.build());
		this.circuitBreaker = CircuitBreaker.of("drafting-" + name, CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRateThreshold())
			.minimumNumberOfCalls(settings.minimumCalls())
			.slidingWindowSize(Math.max(settings.minimumCalls(), 20))
			.waitDurationInOpenState(settings.openDuration())
			.recordException(failure -> failure instanceof ModelCallException)
			.build());
		this.bulkhead = Bulkhead.of("drafting-" + name, BulkheadConfig.custom()
			.maxConcurrentCalls(settings.maxConcurrentCalls())
			.maxWaitDuration(settings.maxWait())
			.build());
		// the provider's own limits per model: calls per second (evenly spaced) and tokens per minute
		this.requests = settings.requestsPerSecond() <= 0 ? null : RateLimiter.of("drafting-" + name + "-requests",
				RateLimiterConfig.custom()
					.limitForPeriod(1)
					.limitRefreshPeriod(Duration.ofNanos((long) (1_000_000_000L / settings.requestsPerSecond())))
					.timeoutDuration(settings.maxWait())
					.build());
		this.tokens = settings.tokensPerMinute() <= 0 ? null : RateLimiter.of("drafting-" + name + "-tokens",
				RateLimiterConfig.custom()
					.limitForPeriod((int) Math.min(Integer.MAX_VALUE, settings.tokensPerMinute()))
					.limitRefreshPeriod(Duration.ofMinutes(1))
					.timeoutDuration(settings.maxWait())
					.build());
	}

	@Override
	public int tier() {
		return tier;
	}

	@Override
	public String model() {
		return settings.model();
	}

	CircuitBreaker circuitBreaker() {
		return circuitBreaker;
	}

	@Override
	public Composition write(DraftInput input) {
		var pseudonyms = new LinkedHashMap<>(input.lead().personalValues());
		var sources = new ArrayList<String>();
		input.passages().forEach(grounding -> {
			sources.add(grounding.passage().documentTitle());
			sources.add(grounding.passage().text());
		});
		var passages = pseudonymize(sources, passages(input), input, pseudonyms);
		var features = leadFeatures(input, pseudonyms);
		var variables = new LinkedHashMap<String, Object>(Map.of("angle", input.angle().slug(), "tone",
				input.tone().slug(), "lead_features", pseudonymize(List.of(features), features, input, pseudonyms),
				"passages", passages, "format", converter.getFormat()));
		if (input.prompt().variables().contains("plan")) {
			variables.put("plan", pseudonymize(sources, plan(input), input, pseudonyms));
		}
		if (input.prompt().variables().contains("language")) {
			variables.put("language", language(input));
		}
		var messages = new ArrayList<Message>();
		var prompt = new PromptTemplate(input.prompt().body()).render(variables);
		if (input.rework() != null && !input.rework().isBlank()) {
			var rework = repairPrompt.renderRework(input.rework());
			prompt += "\n\n" + pseudonymize(List.of(rework), rework, input, pseudonyms);
		}
		if (!input.guidance().isEmpty()) {
			var guidance = repairPrompt.render(input.guidance());
			prompt += "\n\n" + pseudonymize(List.of(guidance), guidance, input, pseudonyms);
		}
		messages.add(new UserMessage(prompt));

		long started = System.nanoTime();
		var first = call(messages);
		int promptTokens = tokens(first, true);
		int completionTokens = tokens(first, false);
		var text = textOf(first);
		ModelDraft draft;
		boolean repaired = false;
		try {
			draft = converter.convert(text);
		}
		catch (RuntimeException malformed) {
			messages.add(new AssistantMessage(text));
			messages.add(new UserMessage(input.prompt().repair() + "\n\n" + converter.getFormat()));
			var second = call(messages);
			promptTokens += tokens(second, true);
			completionTokens += tokens(second, false);
			try {
				draft = converter.convert(textOf(second));
				repaired = true;
			}
			catch (RuntimeException stillMalformed) {
				throw new DraftingFailedException("malformed",
						"The model's answer was not the expected JSON, also after one repair re-ask");
			}
		}
		if (draft == null) {
			throw new DraftingFailedException("malformed", "The model answered with an empty draft");
		}
		long modelMillis = (System.nanoTime() - started) / 1_000_000;
		var cost = cost(promptTokens, settings.inputCostPerMillion()).add(cost(completionTokens,
				settings.outputCostPerMillion()));
		return new Composition(restore(draft, pseudonyms), tier, settings.model(), promptTokens, completionTokens, cost,
				modelMillis, repaired, false, language(input));
	}

	private ChatResponse call(List<Message> messages) {
		Supplier<ChatResponse> call = () -> {
			// each attempt is a request: it waits for its turn (up to max-wait), then pays for the tokens it used
			if (requests != null) {
				RateLimiter.waitForPermission(requests);
			}
			if (tokens != null) {
				RateLimiter.waitForPermission(tokens);
			}
			var response = chat.prompt(new Prompt(List.copyOf(messages))).call().chatResponse();
			if (tokens != null && response != null) {
				int used = tokens(response, true) + tokens(response, false) - 1;
				if (used > 0 && tokens.reservePermission(used) < 0) {
					tokens.drainPermissions(); // more than can be reserved within max-wait: at least this minute is spent
				}
			}
			return response;
		};
		var guarded = Retry.decorateSupplier(retry,
				CircuitBreaker.decorateSupplier(circuitBreaker, Bulkhead.decorateSupplier(bulkhead, call)));
		try {
			var response = guarded.get();
			if (response == null || response.getResult() == null) {
				throw new DraftingFailedException("malformed", "The model answered without a result");
			}
			return response;
		}
		catch (CallNotPermittedException open) {
			throw new DraftingFailedException("circuit-open",
					"Tier " + tier + " is paused after repeated failures (circuit breaker open)");
		}
		catch (BulkheadFullException full) {
			throw new DraftingFailedException("busy", "Tier " + tier + " has too many drafts in progress");
		}
		catch (RequestNotPermitted limited) {
			throw new DraftingFailedException("rate-limited", "Tier " + tier + " is at its rate limit ("
					+ (settings.requestsPerSecond() > 0 ? settings.requestsPerSecond() + " requests/s" : "")
					+ (settings.requestsPerSecond() > 0 && settings.tokensPerMinute() > 0 ? ", " : "")
					+ (settings.tokensPerMinute() > 0 ? settings.tokensPerMinute() + " tokens/min" : "")
					+ ") longer than max-wait " + settings.maxWait());
		}
	}

	private static String textOf(ChatResponse response) {
		var text = response.getResult().getOutput().getText();
		return text == null ? "" : text;
	}

	private static int tokens(ChatResponse response, boolean prompt) {
		var usage = response.getMetadata().getUsage();
		if (usage == null) {
			return 0;
		}
		var value = prompt ? usage.getPromptTokens() : usage.getCompletionTokens();
		return value == null ? 0 : value;
	}

	private static BigDecimal cost(int tokens, BigDecimal perMillion) {
		return perMillion.multiply(BigDecimal.valueOf(tokens)).divide(BigDecimal.valueOf(1_000_000), MathContext.DECIMAL64);
	}

	/** The minimized features, one per line, personal values replaced by their placeholders. */
	static String leadFeatures(DraftInput input, Map<String, String> pseudonyms) {
		var byValue = pseudonyms.entrySet().stream()
			.collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a));
		return input.lead().minimized().values().stream()
			.map(value -> value.name() + ": " + byValue.getOrDefault(value.value(), DataSections.clean(value.value())))
			.collect(Collectors.joining("\n"));
	}

	/** Each slot of the plan: what it is for, why its passages were chosen, and their ids. */
	static String plan(DraftInput input) {
		var labels = new java.util.HashMap<java.util.UUID, String>();
		input.passages().forEach(grounding -> labels.put(grounding.passage().chunkId(), grounding.label()));
		return input.plan().slots().stream().map(slot -> {
			var ids = slot.passages().stream().map(passage -> labels.get(passage.chunkId())).filter(java.util.Objects::nonNull).toList();
			return "- " + slot.spec().name() + ": " + DataSections.clean(slot.spec().purpose()) + ". "
					+ (ids.isEmpty() ? "Empty: " + DataSections.clean(slot.reason()) + "."
							: "Passages " + String.join(", ", ids) + " (" + DataSections.clean(slot.reason()) + ").");
		}).collect(Collectors.joining("\n"));
	}

	/** The language to write in: the lead's, else the prompt's first. */
	static String language(DraftInput input) {
		return input.language().isEmpty() ? input.prompt().firstLanguage() : input.language();
	}

	static String passages(DraftInput input) {
		return input.passages().stream()
			.map(grounding -> "[" + grounding.label() + "] " + DataSections.clean(grounding.passage().documentTitle())
					+ (grounding.passage().headingPath().isBlank() ? "" : " / " + DataSections.clean(grounding.passage().headingPath()))
					+ "\n" + DataSections.clean(grounding.passage().text()))
			.collect(Collectors.joining("\n\n"));
	}

	/**
	 * Personal data the guardrails find in untrusted text replaced by numbered placeholders such as
	 * {@code [[EMAIL_ADDRESS_1]]}, added to {@code pseudonyms} so that the answer gets the values back. The data is
	 * looked for in {@code sources} (each passage on its own, which the guardrails remember between drafts) and
	 * replaced in {@code text}, the prompt section built from them.
	 */
	private String pseudonymize(List<String> sources, String text, DraftInput input, Map<String, String> pseudonyms) {
		var tenant = input.lead().snapshot().tenant();
		var byValue = new LinkedHashMap<String, String>();
		pseudonyms.forEach((placeholder, value) -> byValue.putIfAbsent(value, placeholder));
		var found = new LinkedHashMap<String, String>();
		sources.forEach(source -> guardrails.personalData(tenant, source).forEach(found::putIfAbsent));
		// what the lead shares for generation stays readable, even where a detector takes a company for a person
		var shared = input.lead().sharedValues();
		var values = found.keySet()
			.stream()
			.filter(value -> shared.stream().noneMatch(allowed -> allowed.contains(value.strip().toLowerCase(java.util.Locale.ROOT))))
			.sorted((a, b) -> Integer.compare(b.length(), a.length()))
			.toList();
		var out = text;
		for (var value : values) {
			if (value.isBlank() || value.contains("[[") || value.contains("]]") || !out.contains(value)
					|| pseudonyms.keySet().stream().anyMatch(placeholder -> placeholder.contains(value))) {
				continue;
			}
			var placeholder = byValue.get(value);
			if (placeholder == null) {
				var type = found.get(value);
				int n = 1;
				while (pseudonyms.containsKey("[[" + type + "_" + n + "]]")) {
					n++;
				}
				placeholder = "[[" + type + "_" + n + "]]";
				pseudonyms.put(placeholder, value);
				byValue.put(value, placeholder);
			}
			out = out.replace(value, placeholder);
		}
		// the lead's own personal values never leave, even where a passage happens to hold them (a namesake quoted in
		// a case study): its placeholder goes out and the value comes back in the answer
		for (var lead : input.lead().personalValues().entrySet()) {
			if (lead.getValue().length() > 1) {
				out = out.replaceAll("(?<![\\p{L}\\p{N}])" + java.util.regex.Pattern.quote(lead.getValue()) + "(?![\\p{L}\\p{N}])",
						java.util.regex.Matcher.quoteReplacement(lead.getKey()));
			}
		}
		return out;
	}

	private static ModelDraft restore(ModelDraft draft, Map<String, String> pseudonyms) {
		return new ModelDraft(restore(draft.subject(), pseudonyms),
				draft.sentences().stream()
					.map(sentence -> new ModelDraft.Sentence(restore(sentence.text(), pseudonyms), sentence.passages()))
					.toList(),
				restore(draft.callToAction(), pseudonyms));
	}

	private static String restore(String text, Map<String, String> pseudonyms) {
		var restored = text;
		for (var entry : pseudonyms.entrySet()) {
			restored = restored.replace(entry.getKey(), entry.getValue());
		}
		return restored;
	}

}
