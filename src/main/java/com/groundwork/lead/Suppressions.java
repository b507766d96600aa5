package com.groundwork.lead;

import com.groundwork.identity.TenantId;

/**
 * The tenant's do-not-contact list. Addresses are kept as SHA-256 hashes of the lower-cased, trimmed address, so the
 * list can be checked (at generation and again at release) without storing whom it protects.
 */
public interface Suppressions {

	/** Whether mail to {@code email} is refused in this tenant. */
	boolean isSuppressed(TenantId tenant, String email);

	/**
	 * Whether mail to the lead's current address is refused in this tenant, for callers that know the lead but not its
	 * address (campaigns).
	 * @throws LeadNotFoundException when the tenant has no such lead
	 */
	boolean isLeadSuppressed(TenantId tenant, String externalId);

	/**
	 * Adds an address to the tenant's list; adding it again keeps the first entry.
	 * @param reason why, e.g. {@code unsubscribed}, {@code consent-withdrawn}, {@code bounced}, {@code legal-request}
	 * @param source who or what asked, e.g. the CRM or an admin's name
	 * @return true if the address was not on the list before
	 */
	boolean suppress(TenantId tenant, String email, String reason, String source);
}
