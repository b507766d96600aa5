package com.groundwork.lead;

import java.util.List;

/**
 * What an import of many leads did (CSV or a list of contracts).
 *
 * @param rows data rows read (a CSV header not counted)
 * @param rejected rows not stored because of the errors below
 * @param errors one entry per problem of a rejected row, at most {@code groundwork.lead.import.max-reported-errors}
 * @param errorsOmitted problems beyond that limit, counted only
 * @param complete false when the input could not be read to its end (the error says where); rows before were kept
 */
public record LeadImportReport(long rows, long created, long updated, long unchanged, long rejected,
		List<RowError> errors, long errorsOmitted, boolean complete) {

	public LeadImportReport {
		errors = List.copyOf(errors);
	}

	/**
	 * @param row the row's number in a CSV file, the header being row 1 (as a spreadsheet numbers it), or the lead's
	 * index (from 0) in a list of contracts
	 * @param externalId the row's externalId, if any
	 * @param field the flattened contract path, such as {@code contact.email}
	 */
	public record RowError(long row, String externalId, String field, String message) {
	}
}
