package com.groundwork.lead.internal.importing;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadUpserted.Origin;
import com.groundwork.lead.internal.LeadService;
import com.groundwork.lead.internal.contract.ContractViolatedException;
import com.groundwork.lead.internal.contract.FieldProblem;
import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.contract.LeadUpcaster;
import com.groundwork.lead.internal.contract.LeadV1;
import com.groundwork.lead.internal.contract.LeadV2;
import com.groundwork.lead.internal.importing.ImportReport.RowError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports leads from CSV, streamed row by row: the columns are flattened contract paths ({@code contact.email},
 * {@code company.salesRegion}, …); an optional {@code schemaVersion} column selects the contract version per row
 * (without it, rows are version 2). Valid rows are stored in batches, each batch in one transaction; invalid rows are
 * reported with their row number and field and skipped. Memory stays bounded by the batch and the error limit,
 * whatever the file's size.
 */
@Component
class CsvLeadImport {

	private static final Set<String> V1_COLUMNS = Set.copyOf(LeadContracts.fieldPaths(LeadV1.class));
	private static final Set<String> V2_COLUMNS = Set.copyOf(LeadContracts.fieldPaths(LeadV2.class));

	private final LeadContracts contracts;
	private final LeadService service;
	private final TransactionTemplate transactions;
	private final JsonMapper mapper;
	private final ImportSettings settings;

	CsvLeadImport(LeadContracts contracts, LeadService service, TransactionTemplate transactions, JsonMapper mapper,
			ImportSettings settings) {
		this.contracts = contracts;
		this.service = service;
		this.transactions = transactions;
		this.mapper = mapper;
		this.settings = settings;
	}

	/**
	 * @throws ContractViolatedException when the header names an unknown or duplicate column or lacks a required
	 * one; nothing is imported then
	 */
	ImportReport importCsv(TenantId tenant, Reader source) {
		var format = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setIgnoreSurroundingSpaces(true)
			.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
			.get();
		var progress = new Progress(settings.maxReportedErrors());
		CSVParser opened;
		try {
			opened = format.parse(withoutByteOrderMark(source));
		}
		catch (IllegalArgumentException | UncheckedIOException badHeader) {
			throw new ContractViolatedException("header", "cannot be read: " + rootMessage(badHeader));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (var parser = opened) {
			var header = parser.getHeaderNames();
			checkHeader(header);
			var batch = new ArrayList<LeadV2>(settings.batchSize());
			var rows = parser.iterator();
			long lastRow = 1;
			while (true) {
				CSVRecord record;
				try {
					if (!rows.hasNext()) {
						break;
					}
					record = rows.next();
				}
				catch (UncheckedIOException | IllegalStateException malformed) {
					progress.fail(lastRow + 1, "", "csv", "the file cannot be read past this row: "
							+ rootMessage(malformed) + "; rows before it were imported");
					break;
				}
				long row = record.getRecordNumber() + 1;
				lastRow = row;
				progress.rows++;
				var lead = parse(record, header, row, progress);
				if (lead != null) {
					batch.add(lead);
					if (batch.size() >= settings.batchSize()) {
						store(tenant, batch, progress);
					}
				}
			}
			store(tenant, batch, progress);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return progress.report();
	}

	private LeadV2 parse(CSVRecord record, List<String> header, long row, Progress progress) {
		var externalId = record.isMapped("externalId") && record.isSet("externalId") ? record.get("externalId") : "";
		if (record.size() != header.size()) {
			progress.reject(row, externalId, List.of(new FieldProblem("row",
					"has " + record.size() + " cells but the header has " + header.size() + " columns")));
			return null;
		}
		ObjectNode tree = mapper.createObjectNode();
		if (!header.contains("schemaVersion")) {
			tree.put("schemaVersion", LeadUpcaster.LATEST);
		}
		for (int i = 0; i < header.size(); i++) {
			var value = record.get(i);
			if (!value.isBlank()) {
				put(tree, header.get(i), value);
			}
		}
		try {
			return contracts.accept(tree);
		}
		catch (ContractViolatedException invalid) {
			progress.reject(row, externalId, invalid.problems());
			return null;
		}
	}

	private void store(TenantId tenant, List<LeadV2> batch, Progress progress) {
		if (batch.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			for (var lead : batch) {
				switch (service.upsert(tenant, lead, Origin.CSV_IMPORT).result()) {
					case CREATED -> progress.created++;
					case UPDATED -> progress.updated++;
					case UNCHANGED -> progress.unchanged++;
				}
			}
		});
		batch.clear();
	}

	private static void checkHeader(List<String> header) {
		var problems = new ArrayList<FieldProblem>();
		boolean perRowVersion = header.contains("schemaVersion");
		var known = new LinkedHashSet<>(LeadContracts.fieldPaths(LeadV2.class));
		if (perRowVersion) {
			known.addAll(LeadContracts.fieldPaths(LeadV1.class));
		}
		for (var column : header) {
			if (!known.contains(column)) {
				problems.add(new FieldProblem(column, "is not a column of the lead contract"
						+ (perRowVersion ? "" : " v2 (add a schemaVersion column to send version 1 rows)")
						+ "; columns are flattened field paths: " + String.join(", ", known)));
			}
		}
		var required = perRowVersion ? intersection(LeadContracts.requiredFieldPaths(LeadV1.class),
				LeadContracts.requiredFieldPaths(LeadV2.class)) : LeadContracts.requiredFieldPaths(LeadV2.class);
		for (var column : required) {
			if (!column.equals("schemaVersion") && !header.contains(column)) {
				problems.add(new FieldProblem(column, "is a required column and missing from the header"));
			}
		}
		if (!problems.isEmpty()) {
			throw new ContractViolatedException(problems);
		}
	}

	private static List<String> intersection(List<String> a, List<String> b) {
		return a.stream().filter(b::contains).toList();
	}

	/** Sets {@code a.b.c} in the tree, creating the objects on the way. */
	private static void put(ObjectNode tree, String path, String value) {
		var parts = path.split("\\.");
		var node = tree;
		for (int i = 0; i < parts.length - 1; i++) {
			var child = node.get(parts[i]);
			node = child instanceof ObjectNode object ? object : node.putObject(parts[i]);
		}
		node.put(parts[parts.length - 1], value);
	}

	private static Reader withoutByteOrderMark(Reader source) throws IOException {
		var reader = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source);
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
		return reader;
	}

	private static String rootMessage(Throwable ex) {
		var cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

	/** Counters and the bounded error list of one import. */
	private static final class Progress {

		private final int maxErrors;
		private final List<RowError> errors = new ArrayList<>();
		long rows;
		long created;
		long updated;
		long unchanged;
		long rejected;
		long errorsOmitted;
		boolean complete = true;

		Progress(int maxErrors) {
			this.maxErrors = maxErrors;
		}

		void reject(long row, String externalId, List<FieldProblem> problems) {
			rejected++;
			problems.forEach(problem -> error(new RowError(row, externalId, problem.field(), problem.message())));
		}

		void fail(long row, String externalId, String field, String message) {
			complete = false;
			error(new RowError(row, externalId, field, message));
		}

		private void error(RowError error) {
			if (errors.size() < maxErrors) {
				errors.add(error);
			}
			else {
				errorsOmitted++;
			}
		}

		ImportReport report() {
			return new ImportReport(rows, created, updated, unchanged, rejected, errors, errorsOmitted, complete);
		}
	}
}
