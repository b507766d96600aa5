package com.groundwork.drafting.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Spring AI {@link ChatModel} for any OpenAI-compatible chat completions endpoint (OpenAI, Azure-compatible
 * gateways, vLLM, Ollama, LM Studio …), built from properties. It makes exactly one HTTP call per request and reports
 * every failure as a {@link ModelCallException} that says whether a retry may help (429 and 5xx, honouring
 * {@code Retry-After}); retries, circuit breaking and bulkheads are the caller's business.
 */
class OpenAiCompatibleChatModel implements ChatModel {

	private final DraftingSettings.Tier tier;
	private final RestClient client;
	private final JsonMapper mapper;

	OpenAiCompatibleChatModel(DraftingSettings.Tier tier, JsonMapper mapper) {
		this.tier = tier;
		this.mapper = mapper;
		var http = HttpClient.newBuilder().connectTimeout(tier.timeout()).version(HttpClient.Version.HTTP_1_1).build();
		var factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(tier.timeout());
		this.client = RestClient.builder().requestFactory(factory).baseUrl(tier.baseUrl()).build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		var body = new LinkedHashMap<String, Object>();
		body.put("model", tier.model());
		body.put("messages", prompt.getInstructions().stream().map(OpenAiCompatibleChatModel::message).toList());
		body.put("temperature", tier.temperature());
		body.put("max_tokens", tier.maxTokens());
		body.put("response_format", Map.of("type", "json_object"));
		try {
			return client.post()
				.uri(tier.completionsPath())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.headers(headers -> {
					if (!tier.apiKey().isBlank()) {
						headers.setBearerAuth(tier.apiKey());
					}
				})
				.body(mapper.writeValueAsString(body))
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					var text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
					if (status == 429) {
						throw new ModelCallException("rate-limited", "The model endpoint answered 429 (rate limited)",
								retryAfter(response.getHeaders()), true);
					}
					if (status >= 500) {
						throw new ModelCallException("server-error", "The model endpoint answered " + status,
								retryAfter(response.getHeaders()), true);
					}
					if (status >= 400) {
						throw new ModelCallException("rejected", "The model endpoint refused the request with " + status,
								null, false);
					}
					return parse(text);
				}, true);
		}
		catch (ResourceAccessException ex) {
			if (isTimeout(ex)) {
				throw new ModelCallException("timeout", "The model did not answer within " + tier.timeout(), ex);
			}
			throw new ModelCallException("unreachable", "The model endpoint could not be reached", null, true);
		}
	}

	private ChatResponse parse(String text) {
		JsonNode root;
		try {
			root = mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new ModelCallException("malformed-response", "The model endpoint's answer is not JSON", null, false);
		}
		var choice = root.path("choices").path(0);
		var message = choice.path("message");
		if (message.isMissingNode()) {
			throw new ModelCallException("malformed-response", "The model endpoint's answer has no choices", null, false);
		}
		var refusal = message.path("refusal");
		if (refusal.isString() && !refusal.asString().isBlank()) {
			throw new ModelCallException("refused", "The model refused to write the draft", null, false);
		}
		if ("content_filter".equals(choice.path("finish_reason").asString(""))) {
			throw new ModelCallException("refused", "The model's content filter stopped the draft", null, false);
		}
		var content = message.path("content").asString("");
		var usage = root.path("usage");
		var metadata = ChatResponseMetadata.builder()
			.model(root.path("model").asString(tier.model()))
			.usage(new DefaultUsage(usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0)))
			.build();
		return new ChatResponse(List.of(new Generation(new AssistantMessage(content))), metadata);
	}

	private static Map<String, String> message(Message message) {
		var role = message.getMessageType() == MessageType.ASSISTANT ? "assistant"
				: message.getMessageType() == MessageType.SYSTEM ? "system" : "user";
		return Map.of("role", role, "content", String.valueOf(message.getText()));
	}

	/** {@code Retry-After} in seconds or as an HTTP date. */
	static @Nullable Duration retryAfter(HttpHeaders headers) {
		var value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
		}
		catch (NumberFormatException notSeconds) {
			try {
				var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
				var wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (RuntimeException unreadable) {
				return null;
			}
		}
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return true;
			}
			if (cause instanceof IOException && String.valueOf(cause.getMessage()).toLowerCase().contains("timed out")) {
				return true;
			}
		}
		return false;
	}
}
