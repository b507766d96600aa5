package com.groundwork.review.internal;

import com.groundwork.guardrail.Guardrails;
import com.groundwork.review.internal.WebhookSender.DeliveryFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The outbox channel: builds the released mail with the SMTP channel's own code ({@link MailSender#message}), RFC
 * 8058 headers and CAN-SPAM footer included, and keeps it instead of sending it. An attempt that stored the message
 * but died before the delivery was marked delivered stores nothing the second time.
 */
class OutboxSender {

	private final OutboxRepository outbox;
	private final Guardrails guardrails;
	private final Clock clock;
	private final Session session = Session.getInstance(new Properties());

	OutboxSender(OutboxRepository outbox, Guardrails guardrails, Clock clock) {
		this.outbox = outbox;
		this.guardrails = guardrails;
		this.clock = clock;
	}

	void send(DeliveryRecord delivery, ReviewSettings.Outbox channel, ReviewSettings.@Nullable Mail mail)
			throws DeliveryFailedException {
		if (outbox.exists(delivery.tenant(), delivery.id())) {
			return;
		}
		var from = from(delivery, channel, mail);
		var replyTo = !channel.replyTo().isBlank() ? channel.replyTo() : mail == null ? null : mail.replyTo();
		try {
			var mime = MailSender.message(session, delivery, from, replyTo);
			var bytes = new ByteArrayOutputStream();
			mime.writeTo(bytes);
			var payload = delivery.payload();
			outbox.insert(new OutboxMessage(delivery.id(), delivery.tenant(), delivery.itemId(), delivery.draftId(),
					payload.leadExternalId(), String.valueOf(mime.getMessageID()), from, payload.to(),
					payload.subject(), bytes.toString(StandardCharsets.ISO_8859_1), clock.instant()));
		}
		catch (MessagingException | IOException ex) {
			throw new DeliveryFailedException("the outbox could not build the message: " + ex.getMessage());
		}
	}

	/** The outbox's own From, else the mail channel's, else the sender of the tenant's guardrail policy. */
	private String from(DeliveryRecord delivery, ReviewSettings.Outbox channel, ReviewSettings.@Nullable Mail mail)
			throws DeliveryFailedException {
		if (!channel.from().isBlank()) {
			return channel.from();
		}
		if (mail != null) {
			return mail.from();
		}
		var sender = guardrails.senderOf(delivery.tenant())
			.orElseThrow(() -> new DeliveryFailedException("tenant '" + delivery.payload().tenantSlug()
					+ "' has no sender in its guardrail policy; set groundwork.review.channels.<tenant>.outbox.from"));
		try {
			return new InternetAddress(sender.email(), sender.name(), "UTF-8").toString();
		}
		catch (UnsupportedEncodingException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
