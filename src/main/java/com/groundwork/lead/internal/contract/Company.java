package com.groundwork.lead.internal.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The lead's company (contract version 2).
 *
 * @param industry lower-case slug such as {@code logistics} or {@code financial-services}
 * @param salesRegion the sales region that owns the account (version 1 called it {@code region})
 * @param annualRevenueBand new in version 2, optional
 */
public record Company(@NotBlank @Size(max = 200) @Nullable String name,
		@Size(max = 253) @Pattern(regexp = DOMAIN, message = DOMAIN_MESSAGE) @Nullable String domain,
		@Size(max = 60) @Nullable String industry,
		@Positive @Max(10_000_000) @Nullable Integer employees,
		@Nullable SalesRegion salesRegion,
		@Nullable RevenueBand annualRevenueBand) {

	static final String DOMAIN = "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+";

	static final String DOMAIN_MESSAGE = "must be a domain name such as northwind.example, without scheme or path";

	public Company {
		name = Text.clean(name);
		domain = Text.lower(domain);
		industry = Text.slug(industry);
	}
}
