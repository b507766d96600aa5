package com.groundwork.guardrail.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code guardrails/tenants/<slug>.yaml}: what one tenant adds to the default policy. Lists are added to the default
 * ones; a tenant can make the rules stricter (more opt-in countries), never looser.
 *
 * @param tenant the tenant's slug; must match the file name
 * @param productNames the tenant's product names: claims wherever they appear, so a cited passage must hold them
 * @param tone the tenant's house style
 * @param sender who the tenant's mail is from (CAN-SPAM: accurate sender and physical postal address)
 * @param unsubscribeUrl https endpoint of the one-click unsubscribe (RFC 8058) the release footer and headers use
 * @param optInCountries countries treated as requiring prior opt-in consent beyond the country table
 */
record TenantPolicyFile(
		@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be the tenant's slug, e.g. acme") @Nullable String tenant,
		@NotBlank @Nullable String version, @Nullable List<@NotBlank String> bannedPhrases,
		@Nullable List<@NotBlank String> competitors, @Nullable List<@NotBlank String> productNames,
		@Nullable List<@Pattern(regexp = "[a-z0-9-]+(\\.[a-z0-9-]+)+", message = "must be a lower-case host name such as acme-ops.example") String> allowedDomains,
		@Valid @Nullable TenantTone tone, @Valid PolicyFile.@Nullable Sender sender,
		@Pattern(regexp = PolicyFile.HTTPS_URL, message = "must be an https URL (RFC 8058 one-click unsubscribe)") @Nullable String unsubscribeUrl,
		@Nullable List<@Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String> optInCountries) {

	/**
	 * @param maxExclamations replaces the default when lower
	 * @param avoidPhrases phrases off the tenant's brand voice: a draft using one is repaired
	 */
	record TenantTone(@Min(0) @Nullable Integer maxExclamations, @Nullable List<@NotBlank String> avoidPhrases) {
	}
}
