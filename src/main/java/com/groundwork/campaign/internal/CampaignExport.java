package com.groundwork.campaign.internal;

import com.groundwork.drafting.DraftSummary;
import com.groundwork.drafting.Drafts;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.TenantId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign's items with their drafts, verdicts and reasons, as CSV or JSON, written page by page (500 items at a
 * time) so that a campaign of any size streams out in bounded memory.
 */
class CampaignExport {

	static final List<String> COLUMNS = List.of("row", "leadExternalId", "state", "reasonCode", "reason", "verdict",
			"findings", "draftId", "model", "tokens", "cost", "subject", "body", "finishedAt");

	private static final int PAGE = 500;

	private final ItemRepository items;
	private final Drafts drafts;
	private final ObjectProvider<Guardrails> guardrails;
	private final JsonMapper mapper;

	CampaignExport(ItemRepository items, Drafts drafts, ObjectProvider<Guardrails> guardrails, JsonMapper mapper) {
		this.items = items;
		this.drafts = drafts;
		this.guardrails = guardrails;
		this.mapper = mapper;
	}

	void csv(TenantId tenant, UUID campaign, OutputStream out) throws IOException {
		var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		try (var printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
			forEach(tenant, campaign, row -> {
				try {
					printer.printRecord(row.values());
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
		}
	}

	void json(TenantId tenant, UUID campaign, OutputStream out) throws IOException {
		try (var generator = mapper.createGenerator(out)) {
			generator.writeStartArray();
			forEach(tenant, campaign, row -> {
				generator.writeStartObject();
				row.forEach((name, value) -> {
					generator.writeName(name);
					switch (value) {
						case null -> generator.writeNull();
						case Long number -> generator.writeNumber(number);
						case java.math.BigDecimal number -> generator.writeNumber(number);
						default -> generator.writeString(value.toString());
					}
				});
				generator.writeEndObject();
			});
			generator.writeEndArray();
		}
	}

	private void forEach(TenantId tenant, UUID campaign, java.util.function.Consumer<Map<String, Object>> sink) {
		long after = Long.MIN_VALUE;
		var checks = guardrails.getIfAvailable();
		while (true) {
			var page = items.page(tenant, campaign, after, PAGE);
			for (var item : page) {
				var draft = item.state() == ItemState.PENDING || item.state() == ItemState.SUPPRESSED
						|| item.state() == ItemState.CANCELLED ? null
								: drafts.find(tenant, item.draftId()).orElse(null);
				var findings = draft == null || checks == null ? ""
						: checks.verdictOf(tenant, draft.id())
							.map(recorded -> recorded.verdict()
								.findings()
								.stream()
								.map(finding -> finding.severity() + " " + finding.ruleId() + ": " + finding.message())
								.collect(Collectors.joining("\n")))
							.orElse("");
				var row = new LinkedHashMap<String, Object>();
				row.put("row", item.seq());
				row.put("leadExternalId", item.leadExternalId());
				row.put("state", item.state().name());
				row.put("reasonCode", item.reasonCode());
				row.put("reason", item.reason());
				row.put("verdict", item.verdict());
				row.put("findings", findings);
				row.put("draftId", draft == null ? null : draft.id().toString());
				row.put("model", item.model());
				row.put("tokens", item.tokens());
				row.put("cost", item.cost());
				row.put("subject", draft == null ? null : draft.subject());
				row.put("body", draft == null ? null : body(draft));
				row.put("finishedAt", item.finishedAt() == null ? null : item.finishedAt().toString());
				sink.accept(row);
			}
			if (page.size() < PAGE) {
				return;
			}
			after = page.getLast().seq();
		}
	}

	private static String body(DraftSummary draft) {
		return draft.body();
	}
}
