package com.groundwork.review.internal;

import com.groundwork.identity.TenantId;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

/**
 * A released mail kept by the outbox channel.
 *
 * @param id the delivery's id
 * @param message the RFC 5322 message as SMTP would send it (one char per byte, ISO-8859-1)
 */
record OutboxMessage(UUID id, TenantId tenant, UUID itemId, UUID draftId, String leadExternalId, String messageId,
		String from, String to, String subject, String message, Instant storedAt) {

	private static final Session SESSION = Session.getInstance(new Properties());

	/** The message's bytes: what a {@code .eml} file holds. */
	byte[] bytes() {
		return message.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** The stored message read back by Jakarta Mail, as a mail client would. */
	MimeMessage parsed() {
		try {
			return new MimeMessage(SESSION, new ByteArrayInputStream(bytes()));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("outbox message " + id + " does not parse", ex);
		}
	}

	/** The decoded text of the message (the approved body and the footer). */
	String text() {
		try {
			return String.valueOf(parsed().getContent()).replace("\r\n", "\n");
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("outbox message " + id + " has no readable text", ex);
		}
	}
}
