package com.groundwork.knowledge.internal;

import java.util.List;

/**
 * What one folder sync did for one tenant.
 *
 * @param folder the knowledge folder, as configured
 * @param skipped files left alone: not a supported format (README.md and hidden files are not counted)
 * @param errors one entry per file that could not be ingested; the other files were processed regardless
 */
record SyncReport(String folder, int indexed, int unchanged, int removed, int failed, int skipped,
		List<FileError> errors, long tookMillis) {

	SyncReport {
		errors = List.copyOf(errors);
	}

	/** A file that could not be ingested: its source, the reason code and a message naming the file. */
	record FileError(String source, String reason, String message) {
	}
}
