package com.groundwork.review.internal;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An outbox message as its recipient would get it, read back from the stored RFC 5322 message.
 *
 * @param body the approved text
 * @param footer the CAN-SPAM footer: sender, postal address, one-click opt-out
 * @param unsubscribeUrl the link of the {@code List-Unsubscribe} header, as the recipient's mail client sees it
 * @param unsubscribeHere the same link on this instance ({@code /unsubscribe?token=…}), where the policy's link is
 * routed
 * @param headers every header line as stored
 * @param eml where the message downloads as an {@code .eml} file
 */
record OutboxView(UUID id, UUID draftId, String leadExternalId, Instant storedAt, String messageId, String from,
		String to, @Nullable String replyTo, String subject, @Nullable String date, String listUnsubscribe,
		String listUnsubscribePost, String body, String footer, String unsubscribeUrl, String unsubscribeHere,
		List<String> headers, String eml) {

	private static final String SIGNATURE = "\n-- \n";

	static OutboxView of(OutboxMessage message) {
		var mime = message.parsed();
		try {
			var text = message.text();
			int signature = text.lastIndexOf(SIGNATURE);
			var listUnsubscribe = header(mime.getHeader(MailSender.LIST_UNSUBSCRIBE, null));
			var url = listUnsubscribe.replaceAll("^<|>$", "");
			var query = URI.create(url).getRawQuery();
			var headers = new ArrayList<String>();
			for (Header header : Collections.list(mime.getAllHeaders())) {
				headers.add(header.getName() + ": " + header.getValue());
			}
			return new OutboxView(message.id(), message.draftId(), message.leadExternalId(), message.storedAt(),
					message.messageId(), addresses(mime.getFrom()), addresses(mime.getAllRecipients()),
					mime.getReplyTo() == null || mime.getHeader("Reply-To") == null ? null : addresses(mime.getReplyTo()),
					String.valueOf(mime.getSubject()), mime.getHeader("Date", null), listUnsubscribe,
					header(mime.getHeader(MailSender.LIST_UNSUBSCRIBE_POST, null)),
					signature < 0 ? text : text.substring(0, signature).stripTrailing(),
					signature < 0 ? "" : text.substring(signature + SIGNATURE.length()).stripTrailing(), url,
					"/unsubscribe" + (query == null ? "" : "?" + query), List.copyOf(headers),
					"/outbox/" + message.id() + ".eml");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("outbox message " + message.id() + " does not parse", ex);
		}
	}

	private static String header(@Nullable String value) {
		return value == null ? "" : value;
	}

	private static String addresses(Address @Nullable [] addresses) {
		if (addresses == null) {
			return "";
		}
		var shown = new ArrayList<String>();
		for (var address : addresses) {
			shown.add(address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString());
		}
		return String.join(", ", shown);
	}
}
