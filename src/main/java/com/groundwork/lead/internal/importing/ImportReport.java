package com.groundwork.lead.internal.importing;

import java.util.List;

/**
 * What a CSV import did.
 *
 * @param rows data rows read (the header not counted)
 * @param rejected rows not stored because of the errors below
 * @param errors one entry per problem of a rejected row, at most {@code groundwork.lead.import.max-reported-errors}
 * @param errorsOmitted problems beyond that limit, counted only
 * @param complete false when the file could not be read to its end (the error says where); rows before were kept
 */
record ImportReport(long rows, long created, long updated, long unchanged, long rejected, List<RowError> errors,
		long errorsOmitted, boolean complete) {

	/**
	 * @param row the row's number in the file, the header being row 1 (as a spreadsheet numbers it)
	 * @param externalId the row's externalId cell, if any
	 * @param field the column, a flattened contract path such as {@code contact.email}
	 */
	record RowError(long row, String externalId, String field, String message) {
	}
}
