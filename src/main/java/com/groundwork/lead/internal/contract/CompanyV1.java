package com.groundwork.lead.internal.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The lead's company in contract version 1. */
public record CompanyV1(@NotBlank @Size(max = 200) @Nullable String name,
		@Size(max = 253) @jakarta.validation.constraints.Pattern(regexp = Company.DOMAIN, message = Company.DOMAIN_MESSAGE) @Nullable String domain,
		@Size(max = 60) @Nullable String industry,
		@Positive @Max(10_000_000) @Nullable Integer employees,
		@Nullable SalesRegion region) {

	public CompanyV1 {
		name = Text.clean(name);
		domain = Text.lower(domain);
		industry = Text.slug(industry);
	}
}
