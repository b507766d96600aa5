package com.groundwork.lead.internal.importing;

import com.groundwork.identity.TenantId;
import com.groundwork.lead.LeadImportReport;
import com.groundwork.lead.LeadImportReport.RowError;
import com.groundwork.lead.LeadImports;
import com.groundwork.lead.LeadUpserted.Origin;
import com.groundwork.lead.internal.LeadService;
import com.groundwork.lead.internal.contract.ContractViolatedException;
import com.groundwork.lead.internal.contract.FieldProblem;
import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.contract.LeadUpcaster;
import com.groundwork.lead.internal.contract.LeadV1;
import com.groundwork.lead.internal.contract.LeadV2;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports leads from CSV, streamed row by row: the columns are flattened contract paths ({@code contact.email},
 * {@code company.salesRegion}, …); an optional {@code schemaVersion} column selects the contract version per row
 * (without it, rows are version 2). Valid rows are stored in batches, each batch in one transaction; invalid rows are
 * reported with their row number and field and skipped. Memory stays bounded by the batch and the error limit,
 * whatever the file's size. Also what other modules import through ({@link LeadImports}), CSV or a list of contracts.
 */
@Component
class CsvLeadImport implements LeadImports {

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
	LeadImportReport importCsv(TenantId tenant, Reader source) {
		return importCsv(tenant, source, batch -> {
		});
	}

	@Override
	public LeadImportReport importCsv(TenantId tenant, Reader source, Consumer<List<ImportedLead>> stored) {
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
			var batch = new Batch(settings.batchSize(), stored);
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
					batch.add(row, lead);
					if (batch.full()) {
						store(tenant, batch, progress, Origin.CSV_IMPORT);
					}
				}
			}
			store(tenant, batch, progress, Origin.CSV_IMPORT);
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

	@Override
	public LeadImportReport importContracts(TenantId tenant, Iterator<JsonNode> leads,
			Consumer<List<ImportedLead>> stored) {
		var progress = new Progress(settings.maxReportedErrors());
		var batch = new Batch(settings.batchSize(), stored);
		long index = 0;
		while (true) {
			JsonNode tree;
			try {
				if (!leads.hasNext()) {
					break;
				}
				tree = leads.next();
			}
			catch (RuntimeException unreadable) {
				progress.fail(index, "", "leads", "cannot be read past this lead: " + rootMessage(unreadable)
						+ "; leads before it were imported");
				break;
			}
			long row = index++;
			progress.rows++;
			var externalId = tree.path("externalId").isString() ? tree.path("externalId").asString() : "";
			try {
				batch.add(row, contracts.accept(tree));
			}
			catch (ContractViolatedException invalid) {
				progress.reject(row, externalId, invalid.problems());
				continue;
			}
			if (batch.full()) {
				store(tenant, batch, progress, Origin.API);
			}
		}
		store(tenant, batch, progress, Origin.API);
		return progress.report();
	}

	private void store(TenantId tenant, Batch batch, Progress progress, Origin origin) {
		if (batch.leads.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			var imported = new ArrayList<ImportedLead>(batch.leads.size());
			for (int i = 0; i < batch.leads.size(); i++) {
				var lead = batch.leads.get(i);
				switch (service.upsert(tenant, lead, origin).result()) {
					case CREATED -> progress.created++;
					case UPDATED -> progress.updated++;
					case UNCHANGED -> progress.unchanged++;
				}
				imported.add(new ImportedLead(batch.rows.get(i), lead.id()));
			}
			batch.stored.accept(imported);
		});
		batch.leads.clear();
		batch.rows.clear();
	}

	/** Valid leads waiting to be stored, with their rows, and who hears of them once stored. */
	private static final class Batch {

		private final int size;
		private final Consumer<List<ImportedLead>> stored;
		private final List<LeadV2> leads = new ArrayList<>();
		private final List<Long> rows = new ArrayList<>();

		Batch(int size, Consumer<List<ImportedLead>> stored) {
			this.size = size;
			this.stored = stored;
		}

		void add(long row, LeadV2 lead) {
			leads.add(lead);
			rows.add(row);
		}

		boolean full() {
			return leads.size() >= size;
		}
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

		LeadImportReport report() {
			return new LeadImportReport(rows, created, updated, unchanged, rejected, errors, errorsOmitted, complete);
		}
	}
}
