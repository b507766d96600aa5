package com.groundwork.guardrail;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whom a draft would be sent to, with what compliance needs: suppression, consent (CASL, GDPR / ePrivacy by country).
 *
 * @param country ISO 3166-1 alpha-2, when known
 * @param consentStatus {@code EXPRESS}, {@code IMPLIED}, {@code NONE}, {@code WITHDRAWN} or null when unknown
 */
public record Recipient(String email, @Nullable String country, @Nullable String consentStatus,
		@Nullable String consentBasis, @Nullable String consentSource, @Nullable LocalDate consentGrantedAt) {

	public Recipient {
		Objects.requireNonNull(email, "email");
	}
}
