package com.groundwork.lead.internal.contract;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lead data contract, version 1 (JSON Schema: {@code contracts/lead-v1.schema.json}). Accepted and upcast to the
 * latest version; never stored as is.
 */
public record LeadV1(int schemaVersion,
		@NotBlank @Pattern(regexp = LeadPayload.EXTERNAL_ID, message = LeadPayload.EXTERNAL_ID_MESSAGE) @Nullable String externalId,
		@NotNull @Valid @Nullable Contact contact,
		@NotNull @Valid @Nullable CompanyV1 company,
		@Valid @Nullable Crm crm,
		@NotNull @Valid @Nullable Consent consent) implements LeadPayload {

	public static final int VERSION = 1;

	public LeadV1 {
		externalId = Text.clean(externalId);
	}
}
