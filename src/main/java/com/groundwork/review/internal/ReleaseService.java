package com.groundwork.review.internal;

import static com.groundwork.review.internal.ReviewRepository.set;

import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Recipient;
import com.groundwork.identity.Actor;
import com.groundwork.identity.TenantId;
import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadNotFoundException;
import com.groundwork.lead.Suppressions;
import com.groundwork.review.DraftReleased;
import com.groundwork.review.internal.ReviewProblems.IllegalTransitionException;
import com.groundwork.review.internal.ReviewProblems.NoDeliveryChannelException;
import com.groundwork.review.internal.ReviewProblems.NothingToRedeliverException;
import com.groundwork.review.internal.ReviewProblems.ReleaseRefusedException;
import com.groundwork.review.internal.ReviewRepository.Column;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Release of approved drafts: the suppression and consent checks run again on the lead's current data, then the
 * draft, with the tenant's CAN-SPAM footer and a one-click unsubscribe link, goes into the outbox of each of the
 * tenant's channels and gets its first attempt at once. Also redelivery of dead letters and the one-click unsubscribe
 * that the link leads to.
 */
class ReleaseService {

	private final ReviewRepository items;
	private final DeliveryRepository deliveries;
	private final ReviewLookup lookup;
	private final Guardrails guardrails;
	private final LeadFeatures leadFeatures;
	private final Suppressions suppressions;
	private final DeliveryDispatcher dispatcher;
	private final UnsubscribeTokens tokens;
	private final String unsubscribeBaseUrl;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;
	private final ReviewSettings settings;
	private final Clock clock;

	ReleaseService(ReviewRepository items, DeliveryRepository deliveries, ReviewLookup lookup, Guardrails guardrails,
			LeadFeatures leadFeatures, Suppressions suppressions, DeliveryDispatcher dispatcher, UnsubscribeTokens tokens, String unsubscribeBaseUrl,
			ApplicationEventPublisher events, TransactionTemplate transactions, ReviewSettings settings, Clock clock) {
		this.items = items;
		this.deliveries = deliveries;
		this.lookup = lookup;
		this.guardrails = guardrails;
		this.leadFeatures = leadFeatures;
		this.suppressions = suppressions;
		this.dispatcher = dispatcher;
		this.tokens = tokens;
		this.unsubscribeBaseUrl = unsubscribeBaseUrl.replaceAll("/+$", "");
		this.events = events;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	record Release(ReviewItem item, List<DeliveryRecord> deliveries) {
	}

	Release release(Actor actor, UUID draftId) {
		var tenant = actor.tenantId();
		var item = lookup.require(tenant, draftId, "released");
		if (item.state() != ReviewState.APPROVED) {
			throw new IllegalTransitionException(draftId, item.state(), "released", ReviewLookup.hint(item.state()));
		}
		var channels = settings.channelsOf(actor.tenantSlug());
		if (channels.names().isEmpty()) {
			throw new NoDeliveryChannelException(actor.tenantSlug());
		}
		var sender = guardrails.senderOf(tenant)
			.orElseThrow(() -> conflict("No sender identity", "Tenant '" + actor.tenantSlug()
					+ "' has no sender (name, email, postal-address) in its guardrail policy (guardrails/tenants/"
					+ actor.tenantSlug() + ".yaml); CAN-SPAM requires them in every released mail"));
		var link = unsubscribeLink(sender);
		if (channels.mail() != null && !link.startsWith("https://")) {
			throw conflict("No https unsubscribe link", "RFC 8058 one-click unsubscribe needs an https link, and '"
					+ link + "' is not: set unsubscribe-url in the tenant's guardrail policy, or "
					+ "groundwork.review.unsubscribe.base-url");
		}
		FeatureSnapshot lead;
		try {
			lead = leadFeatures.snapshot(tenant, item.leadExternalId());
		}
		catch (LeadNotFoundException gone) {
			throw conflict("Lead gone", "Lead '" + item.leadExternalId() + "' of draft " + draftId
					+ " no longer exists (erased?); the draft cannot be released");
		}
		var recipient = recipientOf(lead);
		var now = clock.instant();
		// suppression and consent again, on the lead's data as it is now
		var findings = guardrails.releaseChecks(tenant, recipient).stream().map(FindingView::of).toList();
		if (!findings.isEmpty()) {
			transactions.executeWithoutResult(status -> {
				if (items.move(item, ReviewState.BLOCKED, now, set())) {
					items.insert(tenant, Decision.of(item, "RELEASE_BLOCKED", ReviewState.BLOCKED, actor.name(), now)
						.why(null, "release checks refused the recipient")
						.withFindings(findings));
				}
			});
			throw new ReleaseRefusedException(draftId, findings);
		}
		var url = link + (link.contains("?") ? "&" : "?") + "token=" + tokens.issue(tenant, item.id());
		var message = new DeliveryRecord.Message(actor.tenantSlug(), item.draftId(), item.leadExternalId(),
				recipient.email(), String.valueOf(item.approvedSubject()), String.valueOf(item.approvedBody()),
				footer(sender, url), url, String.valueOf(item.approvedBy()), java.util.Objects.requireNonNull(item.approvedAt()),
				now);
		var created = new ArrayList<DeliveryRecord>();
		transactions.executeWithoutResult(status -> {
			if (!items.move(item, ReviewState.RELEASED, now,
					set(Column.RELEASED_AT, now, Column.RECIPIENT_EMAIL, recipient.email()))) {
				var current = items.findById(tenant, item.id()).orElseThrow();
				throw new IllegalTransitionException(draftId, current.state(), "released",
						"it changed while you acted; " + ReviewLookup.hint(current.state()));
			}
			// the first attempt is this request's; the background sender takes over only if it does not happen
			var fallback = now.plus(settings.delivery().timeout().multipliedBy(3));
			for (var channel : channels.names()) {
				var delivery = new DeliveryRecord(UUID.randomUUID(), tenant, item.id(), item.draftId(), channel,
						"PENDING", 0, fallback, null, message, now, null, 0);
				deliveries.insert(delivery);
				created.add(delivery);
			}
			items.insert(tenant, Decision.of(item, "RELEASED", ReviewState.RELEASED, actor.name(), now)
				.why(null, "to " + guardrails.mask(recipient.email()) + " by " + String.join(" and ", channels.names())));
			events.publishEvent(new DraftReleased(tenant, item.draftId(), item.leadExternalId(), actor.name(),
					channels.names(), now));
		});
		created.forEach(dispatcher::attempt);
		return new Release(items.findById(tenant, item.id()).orElseThrow(), deliveries.ofItem(tenant, item.id()));
	}

	/** Puts the draft's dead-lettered deliveries back in line and attempts them at once. */
	Release redeliver(Actor actor, UUID draftId) {
		var tenant = actor.tenantId();
		var item = lookup.require(tenant, draftId, "redelivered");
		var now = clock.instant();
		var dead = deliveries.ofItem(tenant, item.id()).stream().filter(d -> "DEAD".equals(d.status())).toList();
		var fallback = now.plus(settings.delivery().timeout().multipliedBy(3));
		var requeued = dead.stream().filter(d -> deliveries.redeliver(tenant, d.id(), fallback)).toList();
		if (requeued.isEmpty()) {
			throw new NothingToRedeliverException(draftId);
		}
		transactions.executeWithoutResult(status -> items.insert(tenant,
				Decision.of(item, "REDELIVER", null, actor.name(), now)
					.why(null, "redelivery of " + String.join(", ", requeued.stream().map(DeliveryRecord::channel).toList()))));
		for (var delivery : requeued) {
			deliveries.find(tenant, delivery.id()).ifPresent(dispatcher::attempt);
		}
		return new Release(items.findById(tenant, item.id()).orElseThrow(), deliveries.ofItem(tenant, item.id()));
	}

	List<DeliveryRecord> deliveriesOf(ReviewItem item) {
		return deliveries.ofItem(item.tenant(), item.id());
	}

	/**
	 * One-click unsubscribe (RFC 8058) from the link of a released mail: puts the address the draft was released to on
	 * the tenant's suppression list.
	 * @return the address, masked, for the confirmation page
	 */
	String unsubscribe(@Nullable String token) {
		var subject = token == null ? Optional.<UnsubscribeTokens.Subject>empty() : tokens.verify(token.strip());
		var item = subject.flatMap(s -> items.findById(s.tenant(), s.itemId()))
			.filter(found -> found.recipientEmail() != null)
			.orElseThrow(() -> badToken());
		var email = java.util.Objects.requireNonNull(item.recipientEmail());
		var now = clock.instant();
		boolean added = suppressions.suppress(item.tenant(), email, "unsubscribed",
				"one-click unsubscribe from draft " + item.draftId());
		if (added) {
			transactions.executeWithoutResult(status -> items.insert(item.tenant(),
					Decision.of(item, "UNSUBSCRIBED", null, "recipient", now)
						.why(null, guardrails.mask(email) + " unsubscribed with the link of the released mail")));
		}
		return guardrails.mask(email);
	}

	/**
	 * Where the one-click unsubscribe link points: the policy's unsubscribe endpoint (which must route to this
	 * service's {@code /unsubscribe}), else this service's own.
	 */
	private String unsubscribeLink(Guardrails.Sender sender) {
		var policyUrl = sender.unsubscribeUrl();
		return policyUrl == null || policyUrl.isBlank() ? unsubscribeBaseUrl + "/unsubscribe" : policyUrl.strip();
	}

	/** What makes a footer CAN-SPAM compliant: who sends it, where they are, and how to stop it. */
	static String footer(Guardrails.Sender sender, String unsubscribeUrl) {
		return sender.name() + ", " + sender.postalAddress() + "\n"
				+ "You receive this email because of your business relationship with " + sender.name() + ".\n"
				+ "Unsubscribe with one click: " + unsubscribeUrl;
	}

	static Recipient recipientOf(FeatureSnapshot lead) {
		var email = value(lead, "contact.email");
		if (email == null || email.isBlank()) {
			throw conflict("No recipient", "Lead '" + lead.externalId() + "' has no email address to release to");
		}
		LocalDate grantedAt = null;
		var granted = value(lead, "consent.granted-at");
		if (granted != null) {
			try {
				grantedAt = LocalDate.parse(granted.length() > 10 ? granted.substring(0, 10) : granted);
			}
			catch (DateTimeParseException unreadable) {
				grantedAt = null;
			}
		}
		return new Recipient(email, value(lead, "contact.country"), value(lead, "consent.status"),
				value(lead, "consent.basis"), null, grantedAt);
	}

	private static @Nullable String value(FeatureSnapshot lead, String name) {
		return lead.value(name).map(FeatureValue::value).orElse(null);
	}

	private static ErrorResponseException conflict(String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setTitle(title);
		return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
	}

	private static ErrorResponseException badToken() {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"token: this unsubscribe link is not valid; use the link of the email you received");
		problem.setTitle("Invalid unsubscribe link");
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}
}
