package com.groundwork.guardrail.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Period;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code guardrails/countries.yaml}: the consent regime of each recipient country.
 *
 * @param unlisted the regime of countries the table does not name
 */
record CountryFile(@NotBlank @Nullable String version,
		@NotNull(message = "must be one of opt-in, consent, opt-out") @Nullable Regime unlisted,
		@NotEmpty @Valid @Nullable List<Country> countries) {

	/**
	 * @param code ISO 3166-1 alpha-2
	 * @param law what requires it, shown in findings (e.g. {@code GDPR / ePrivacy})
	 * @param impliedConsentExpiry how long implied consent lasts ({@code consent} regime; CASL: two years)
	 */
	record Country(@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") @Nullable String code,
			@NotNull(message = "must be one of opt-in, consent, opt-out") @Nullable Regime regime,
			@NotBlank @Nullable String law, @Nullable Period impliedConsentExpiry) {
	}
}
