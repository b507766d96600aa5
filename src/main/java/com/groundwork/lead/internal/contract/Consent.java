package com.groundwork.lead.internal.contract;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The recipient's consent to be contacted, recorded as CASL and GDPR want it: what, on which basis, from where, when.
 *
 * @param basis why it holds, e.g. {@code webinar-registration}, {@code existing-customer}
 * @param source where it was collected, e.g. {@code webinar}, {@code web-form}
 */
@ConsentRecorded
public record Consent(@NotNull @Nullable ConsentStatus status,
		@Size(max = 100) @Nullable String basis,
		@Size(max = 100) @Nullable String source,
		@Nullable LocalDate grantedAt,
		@Nullable LocalDate withdrawnAt) {

	public Consent {
		basis = Text.clean(basis);
		source = Text.clean(source);
	}
}
