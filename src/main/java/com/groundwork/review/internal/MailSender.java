package com.groundwork.review.internal;

import com.groundwork.review.internal.WebhookSender.DeliveryFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Delivers a released draft by SMTP (the server of {@code spring.mail.*}) as plain text with the CAN-SPAM footer and
 * RFC 8058 one-click unsubscribe: {@code List-Unsubscribe: <https://…>} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}. The Message-ID is derived from the delivery id, so a
 * retried message is recognisably the same one.
 */
class MailSender {

	static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
	static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
	static final String ONE_CLICK = "List-Unsubscribe=One-Click";

	private final @Nullable JavaMailSender mail;

	MailSender(@Nullable JavaMailSender mail) {
		this.mail = mail;
	}

	boolean available() {
		return mail != null;
	}

	static Map<String, String> unsubscribeHeaders(String url) {
		var headers = new LinkedHashMap<String, String>();
		headers.put(LIST_UNSUBSCRIBE, "<" + url + ">");
		headers.put(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
		return headers;
	}

	void send(DeliveryRecord delivery, ReviewSettings.Mail channel) throws DeliveryFailedException {
		if (mail == null) {
			throw new DeliveryFailedException("no SMTP server is configured (spring.mail.host)");
		}
		try {
			var mime = mail instanceof JavaMailSenderImpl impl ? new StableIdMessage(impl.getSession(), delivery)
					: mail.createMimeMessage();
			compose(mime, delivery, channel.from(), channel.replyTo());
			mail.send(mime);
		}
		catch (MessagingException | MailException ex) {
			throw new DeliveryFailedException("SMTP delivery failed: " + ex.getMessage());
		}
	}

	/**
	 * The message as this channel sends it, complete (headers updated, Message-ID the delivery's): what the outbox
	 * stores is what SMTP would have sent.
	 */
	static MimeMessage message(Session session, DeliveryRecord delivery, String from, @Nullable String replyTo)
			throws MessagingException {
		var mime = new StableIdMessage(session, delivery);
		compose(mime, delivery, from, replyTo);
		mime.saveChanges();
		return mime;
	}

	/** Plain text with the CAN-SPAM footer, the RFC 8058 headers and the delivery id. */
	private static void compose(MimeMessage mime, DeliveryRecord delivery, String from, @Nullable String replyTo)
			throws MessagingException {
		var message = delivery.payload();
		var helper = new MimeMessageHelper(mime, false, "UTF-8");
		helper.setFrom(from);
		if (replyTo != null && !replyTo.isBlank()) {
			helper.setReplyTo(replyTo);
		}
		helper.setTo(message.to());
		helper.setSubject(message.subject());
		helper.setSentDate(Date.from(message.releasedAt()));
		helper.setText(message.text(), false);
		for (var header : unsubscribeHeaders(message.unsubscribeUrl()).entrySet()) {
			mime.setHeader(header.getKey(), header.getValue());
		}
		mime.setHeader("X-Groundwork-Delivery", delivery.id().toString());
	}

	/** A message whose Message-ID is the delivery's, instead of a fresh one at every attempt. */
	private static final class StableIdMessage extends MimeMessage {
		private final String id;

		StableIdMessage(Session session, DeliveryRecord delivery) {
			super(session);
			this.id = "<" + delivery.id() + "@groundwork>";
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", id);
		}
	}
}
