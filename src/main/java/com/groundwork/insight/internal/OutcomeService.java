package com.groundwork.insight.internal;

import com.groundwork.drafting.Drafts;
import com.groundwork.identity.Actor;
import com.groundwork.insight.internal.InsightProblems.InvalidInsightRequestException;
import com.groundwork.insight.internal.InsightProblems.OutcomeConflictException;
import com.groundwork.insight.internal.InsightProblems.UnknownDraftException;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.Suppressions;
import com.groundwork.review.ReviewQueue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Records outcome events of released drafts, once per event id. */
@Service
class OutcomeService {

	private static final Logger log = LoggerFactory.getLogger(OutcomeService.class);

	static final int MAX_EVENT_ID = 200;

	private final InsightRepository repository;
	private final Drafts drafts;
	private final ReviewQueue reviews;
	private final LeadFeatures leadFeatures;
	private final Suppressions suppressions;
	private final InsightMetrics metrics;
	private final JsonMapper mapper;
	private final Clock clock;

	OutcomeService(InsightRepository repository, Drafts drafts, ReviewQueue reviews, LeadFeatures leadFeatures,
			Suppressions suppressions, InsightMetrics metrics, JsonMapper mapper, Clock clock) {
		this.repository = repository;
		this.drafts = drafts;
		this.reviews = reviews;
		this.leadFeatures = leadFeatures;
		this.suppressions = suppressions;
		this.metrics = metrics;
		this.mapper = mapper;
		this.clock = clock;
	}

	/**
	 * What became of an outcome event.
	 *
	 * @param result {@code RECORDED}, or {@code DUPLICATE} when its event id was recorded before (a retry: nothing
	 * changed)
	 */
	record Recorded(String eventId, UUID draftId, String leadExternalId, String type, Instant occurredAt,
			String result) {
	}

	@Transactional
	Recorded record(Actor actor, byte[] body) {
		var event = read(body);
		var tenant = actor.tenantId();
		var previous = repository.findOutcome(tenant, event.eventId());
		if (previous.isPresent()) {
			return duplicate(event, previous.get());
		}
		var draft = drafts.find(tenant, event.draftId()).orElseThrow(() -> new UnknownDraftException(event.draftId()));
		var state = reviews.stateOf(tenant, event.draftId()).orElse("GENERATED");
		if (!state.equals("RELEASED")) {
			throw new OutcomeConflictException("Draft not released", "Draft " + event.draftId() + " is " + state
					+ ", not RELEASED: outcomes are recorded for released drafts only");
		}
		var stored = new InsightRepository.StoredOutcome(event.eventId(), event.draftId(), draft.leadExternalId(),
				event.type(), event.occurredAt(), event.amount());
		if (!repository.insertOutcome(tenant, stored, clock.instant())) {
			// the same event id raced in from another request: the first one was kept
			return duplicate(event, repository.findOutcome(tenant, event.eventId()).orElseThrow());
		}
		metrics.outcome(actor.tenantSlug(), event.type());
		if (event.type() == OutcomeType.UNSUBSCRIBED) {
			suppress(actor, draft.leadExternalId());
		}
		return new Recorded(event.eventId(), event.draftId(), draft.leadExternalId(), event.type().slug(),
				event.occurredAt(), "RECORDED");
	}

	/** An unsubscribe reported by the e-mail system puts the lead's address on the do-not-contact list at once. */
	private void suppress(Actor actor, String leadExternalId) {
		try {
			leadFeatures.snapshot(actor.tenantId(), leadExternalId)
				.value("contact.email")
				.filter(email -> !email.value().isBlank())
				.ifPresent(email -> suppressions.suppress(actor.tenantId(), email.value(), "unsubscribed",
						"outcome webhook (" + actor.name() + ")"));
		}
		catch (LeadNotFoundException gone) {
			log.info("Unsubscribe outcome for lead {} that no longer exists; nothing to suppress", leadExternalId);
		}
	}

	private static Recorded duplicate(OutcomeEvent event, InsightRepository.StoredOutcome stored) {
		if (!stored.draftId().equals(event.draftId()) || stored.type() != event.type()) {
			throw new OutcomeConflictException("Event id reused", "eventId '" + event.eventId()
					+ "' was recorded for another outcome (" + stored.type().slug() + " of draft " + stored.draftId()
					+ "); every outcome needs its own event id");
		}
		return new Recorded(stored.eventId(), stored.draftId(), stored.leadExternalId(), stored.type().slug(),
				stored.occurredAt(), "DUPLICATE");
	}

	/** An outcome event as validated. */
	record OutcomeEvent(String eventId, UUID draftId, OutcomeType type, Instant occurredAt,
			@Nullable BigDecimal amount) {
	}

	private OutcomeEvent read(byte[] body) {
		JsonNode tree;
		try {
			tree = mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidInsightRequestException("body", "is not valid JSON: " + ex.getOriginalMessage());
		}
		if (tree == null || !tree.isObject()) {
			throw new InvalidInsightRequestException("body",
					"must be a JSON object: {eventId, draftId, type, occurredAt, amount}");
		}
		for (var name : tree.propertyNames()) {
			if (!java.util.Set.of("eventId", "draftId", "type", "occurredAt", "amount").contains(name)) {
				throw new InvalidInsightRequestException(name,
						"is not a field of an outcome event; the fields are eventId, draftId, type, occurredAt, amount");
			}
		}
		var eventId = text(tree, "eventId");
		if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID) {
			throw new InvalidInsightRequestException("eventId",
					"is required: the sender's unique id of this event, at most " + MAX_EVENT_ID + " characters");
		}
		var draftText = text(tree, "draftId");
		UUID draftId;
		try {
			draftId = UUID.fromString(String.valueOf(draftText));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInsightRequestException("draftId", "must be the UUID of a released draft");
		}
		var typeText = text(tree, "type");
		var type = OutcomeType.of(String.valueOf(typeText))
			.orElseThrow(() -> new InvalidInsightRequestException("type",
					"must be one of " + String.join(", ", OutcomeType.slugs())));
		var occurredText = text(tree, "occurredAt");
		Instant occurredAt;
		try {
			occurredAt = occurredText == null ? clock.instant() : Instant.parse(occurredText);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInsightRequestException("occurredAt",
					"must be an ISO-8601 instant such as 2026-03-01T09:30:00Z");
		}
		BigDecimal amount = null;
		var amountNode = tree.get("amount");
		if (amountNode != null && !amountNode.isNull()) {
			if (!amountNode.isNumber() || amountNode.decimalValue().signum() < 0) {
				throw new InvalidInsightRequestException("amount", "must be a number of at least 0");
			}
			if (type != OutcomeType.OPPORTUNITY_CREATED) {
				throw new InvalidInsightRequestException("amount", "is only for opportunity-created (its value)");
			}
			amount = amountNode.decimalValue();
		}
		return new OutcomeEvent(eventId.strip(), draftId, type, occurredAt, amount);
	}

	private static @Nullable String text(JsonNode tree, String field) {
		var node = tree.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new InvalidInsightRequestException(field, "must be a string");
		}
		return node.asString();
	}
}
