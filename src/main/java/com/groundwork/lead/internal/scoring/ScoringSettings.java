package com.groundwork.lead.internal.scoring;

import com.groundwork.lead.internal.contract.SalesRegion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lead scoring.
 *
 * @param idealCustomerProfiles per tenant slug, with {@code default} for tenants without their own
 * @param seniorityPoints points per seniority level (levels of {@code groundwork.lead.features.seniority})
 */
@ConfigurationProperties("groundwork.lead.scoring")
@Validated
record ScoringSettings(@DefaultValue @Valid Map<String, IdealCustomerProfile> idealCustomerProfiles,
		@DefaultValue Map<String, Integer> seniorityPoints) {

	static final String DEFAULT_PROFILE = "default";

	/** The profile of a tenant, else the default one, else a profile that matches nothing. */
	IdealCustomerProfile profileOf(String tenantSlug) {
		return idealCustomerProfiles.getOrDefault(tenantSlug,
				idealCustomerProfiles.getOrDefault(DEFAULT_PROFILE, IdealCustomerProfile.NONE));
	}

	/**
	 * Who a tenant sells to best.
	 *
	 * @param industries industry slugs, e.g. {@code logistics}
	 * @param titleKeywords words of job titles that own the problem the product solves, e.g. {@code operations}
	 */
	record IdealCustomerProfile(@DefaultValue List<String> industries, @DefaultValue("1") @Positive int minEmployees,
			@DefaultValue("10000000") @Positive int maxEmployees, @DefaultValue List<SalesRegion> regions,
			@DefaultValue List<String> titleKeywords) {

		static final IdealCustomerProfile NONE = new IdealCustomerProfile(List.of(), 1, 10_000_000, List.of(), List.of());
	}
}
