package com.groundwork.lead;

import com.groundwork.identity.TenantId;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Many leads at once for another module (campaigns), streamed: each is validated against the contract and stored like
 * {@code POST /api/leads/import} does, in batches of {@code groundwork.lead.import.batch-size}. Every stored batch is
 * handed to {@code stored} inside the transaction that stored it, so the caller can record the leads atomically with
 * them (what it writes commits or rolls back with the batch). Memory stays bounded by the batch and the error limit.
 */
public interface LeadImports {

	/**
	 * CSV whose columns are flattened contract paths ({@code externalId}, {@code contact.email}, …; a
	 * {@code schemaVersion} column selects the version per row), read row by row.
	 * @throws org.springframework.web.ErrorResponseException a 400 problem when the header names an unknown or
	 * duplicate column or lacks a required one; nothing is imported then
	 */
	LeadImportReport importCsv(TenantId tenant, Reader csv, Consumer<List<ImportedLead>> stored);

	/**
	 * Leads in the contract (version 1 or 2 by {@code schemaVersion}), numbered from 0 in the order given. An iterator
	 * that fails (a body that cannot be read on) ends the import as incomplete; leads before it are kept.
	 */
	LeadImportReport importContracts(TenantId tenant, Iterator<JsonNode> leads, Consumer<List<ImportedLead>> stored);

	/**
	 * A lead that was stored.
	 * @param row its CSV row (the header being row 1) or its index in a list of contracts
	 */
	record ImportedLead(long row, String externalId) {

		public ImportedLead {
			Objects.requireNonNull(externalId, "externalId");
		}
	}
}
