package com.groundwork.campaign.internal;

import java.util.List;

/**
 * What reading a campaign's leads did: the lead module's row-level report plus the campaign's own refusals.
 *
 * @param rows leads read
 * @param accepted leads that became items of the campaign
 * @param rejected leads that break the contract (see errors)
 * @param duplicates leads already in the campaign from an earlier row (one draft per lead)
 * @param beyondLimit valid leads past {@code groundwork.campaign.max-leads}, not part of the campaign
 * @param errors one entry per problem, CSV row (header = 1) or JSON index (from 0), at most
 * {@code groundwork.lead.import.max-reported-errors} plus as many campaign refusals
 * @param complete false when the input could not be read to its end (the last error says where)
 */
record ImportSummary(long rows, long accepted, long rejected, long duplicates, long beyondLimit,
		List<RowError> errors, long errorsOmitted, boolean complete) {

	ImportSummary {
		errors = List.copyOf(errors);
	}

	record RowError(long row, String externalId, String field, String message) {
	}
}
