package com.groundwork.lead.internal.contract;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lead data contract, version 2, the stored form (JSON Schema: {@code contracts/lead-v2.schema.json}). Changes from
 * version 1: {@code company.region} is renamed {@code company.salesRegion}, and {@code company.annualRevenueBand} is new
 * and optional.
 */
public record LeadV2(int schemaVersion,
		@NotBlank @Pattern(regexp = LeadPayload.EXTERNAL_ID, message = LeadPayload.EXTERNAL_ID_MESSAGE) @Nullable String externalId,
		@NotNull @Valid @Nullable Contact contact,
		@NotNull @Valid @Nullable Company company,
		@Valid @Nullable Crm crm,
		@NotNull @Valid @Nullable Consent consent) implements LeadPayload {

	public static final int VERSION = 2;

	public LeadV2 {
		externalId = Text.clean(externalId);
	}

	/** The non-null parts of a validated lead: call only after validation passed. */
	public String id() {
		return java.util.Objects.requireNonNull(externalId, "externalId");
	}

	public Contact requireContact() {
		return java.util.Objects.requireNonNull(contact, "contact");
	}

	public Company requireCompany() {
		return java.util.Objects.requireNonNull(company, "company");
	}

	public Consent requireConsent() {
		return java.util.Objects.requireNonNull(consent, "consent");
	}

	/** The CRM part, empty when the client sent none. */
	public Crm crmOrEmpty() {
		return crm == null ? Crm.EMPTY : crm;
	}
}
