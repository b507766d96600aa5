package com.groundwork.drafting.internal;

import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.knowledge.PassageMetadata;
import com.groundwork.lead.LeadIntake;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval/run draft-quality}: every lead of a file drafted on tier 0 through the whole pipeline, judged by the
 * front matter of the documents each draft cites (see {@code eval/README.md} for the definitions).
 */
final class DraftQualityEvaluation {

	/** Document types that are about the company itself, wherever a tenant files them. */
	static final Set<String> COMPANY_TYPES = Set.of("company", "about", "company-overview", "corporate", "press");

	private final LeadIntake intake;
	private final KnowledgeChunks chunks;
	private final JsonMapper mapper;
	private final Map<String, LanguageWords> languages;

	DraftQualityEvaluation(LeadIntake intake, KnowledgeChunks chunks, JsonMapper mapper,
			Map<String, LanguageWords> languages) {
		this.intake = intake;
		this.chunks = chunks;
		this.mapper = mapper;
		this.languages = languages;
	}

	/** One lead's line of the file. */
	record Case(JsonNode lead, String angle, String tone) {
	}

	/** What one draft is judged on. */
	record Row(String lead, String angle, String industry, String language, String status, String written,
			List<String> cited, boolean ownCase, boolean offCase, boolean casePlusCapability, boolean boilerplate,
			int internal, boolean pricing, boolean languageMatch, int words, int score, String subject, String reason,
			String body, List<String> plan) {
	}

	static List<Case> read(Path file, JsonMapper mapper) {
		try {
			var cases = new ArrayList<Case>();
			int line = 0;
			for (var text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				line++;
				if (text.isBlank()) {
					continue;
				}
				var node = mapper.readTree(text);
				if (!node.has("lead") || !node.has("angle")) {
					throw new IllegalArgumentException(file + ":" + line + ": each line is {\"lead\": <lead contract>, \"angle\": \"intro\"}");
				}
				cases.add(new Case(node.get("lead"), node.get("angle").asString(),
						node.has("tone") ? node.get("tone").asString() : "friendly"));
			}
			return cases;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param documents the ingested documents' metadata by id
	 * @param draftOf drafts one lead (external id, case) through the pipeline
	 */
	String run(TenantId tenant, List<Case> cases, Map<UUID, PassageMetadata> documents,
			java.util.function.BiFunction<String, Case, Draft> draftOf, Path report, PrintStream progress) {
		var caseIndustries = new LinkedHashSet<String>();
		var knowledgeLanguages = new LinkedHashSet<String>();
		documents.values().forEach(metadata -> {
			if (metadata.type().equals("case-study") && metadata.visibility().equals(PassageMetadata.PUBLIC)
					&& !SlotPlanner.CROSS_INDUSTRY.contains(metadata.industry())) {
				caseIndustries.add(metadata.industry());
			}
			if (!metadata.language().isEmpty()) {
				knowledgeLanguages.add(metadata.language());
			}
		});
		var rows = new ArrayList<Row>();
		for (var item : cases) {
			var externalId = intake.accept(tenant, item.lead());
			var draft = draftOf.apply(externalId, item);
			var row = judge(item, draft, documents, caseIndustries);
			rows.add(row);
			progress.println("draft-quality: " + row.lead() + " " + row.angle() + " " + row.status() + " cites "
					+ row.cited() + (row.reason().isEmpty() ? "" : " — " + row.reason()));
		}
		var owners = rows.stream().filter(row -> caseIndustries.contains(row.industry())).toList();
		var ownerIntros = owners.stream().filter(row -> row.angle().equals("intro")).toList();
		var speakers = rows.stream().filter(row -> knowledgeLanguages.contains(row.language())).toList();
		var generated = rows.stream().filter(row -> row.status().equals("GENERATED")).toList();
		var scores = generated.stream().mapToInt(Row::score).sorted().toArray();
		var result = new java.util.LinkedHashMap<String, Object>();
		result.put("drafts", rows.size());
		result.put("generated", generated.size());
		result.put("industry_case_study_rate", share(owners, Row::ownCase));
		result.put("off_industry_case_study_rate", share(owners, Row::offCase));
		result.put("intro_case_plus_capability_rate", share(ownerIntros, Row::casePlusCapability));
		result.put("boilerplate_rate", share(rows, Row::boilerplate));
		result.put("internal_cited", rows.stream().mapToInt(Row::internal).sum());
		result.put("pricing_cited_outside_follow_up", (int) rows.stream()
			.filter(row -> row.pricing() && !row.angle().equals("follow-up")).count());
		result.put("language_match_rate", share(speakers, Row::languageMatch));
		result.put("words_in_50_125", share(generated, row -> row.words() >= 50 && row.words() <= 125));
		result.put("score_p50", scores.length == 0 ? 0 : scores[(scores.length - 1) / 2]);
		writeReport(report, rows, result);
		return mapper.writeValueAsString(result);
	}

	private Row judge(Case item, Draft draft, Map<UUID, PassageMetadata> documents, Set<String> caseIndustries) {
		var lead = item.lead();
		var industry = SlotPlanner.slug(text(lead, "company", "industry"));
		var language = text(lead, "contact", "language").toLowerCase(Locale.ROOT);
		var citedIds = new LinkedHashSet<UUID>();
		var citedTitles = new ArrayList<String>();
		boolean history = false;
		var words = languages.getOrDefault(draft.provenance().language(), languages.get("en"));
		for (var sentence : draft.content().sentences()) {
			for (var citation : sentence.citations()) {
				if (citedIds.add(citation.documentId())) {
					var metadata = documents.get(citation.documentId());
					citedTitles.add(citation.documentTitle() + (metadata == null ? ""
							: " [" + metadata.type() + "/" + metadata.industry() + "/" + metadata.product() + "/" + metadata.language() + "]"));
				}
				history |= languages.values().stream().anyMatch(list -> list.isBoilerplate(sentence.text()));
			}
		}
		var cited = citedIds.stream().map(documents::get).filter(java.util.Objects::nonNull).toList();
		var ownCases = cited.stream().filter(m -> m.type().equals("case-study") && m.industry().equals(industry)).toList();
		boolean ownCase = !ownCases.isEmpty();
		boolean offCase = cited.stream().anyMatch(m -> m.type().equals("case-study") && !m.industry().equals(industry)
				&& !SlotPlanner.CROSS_INDUSTRY.contains(m.industry()));
		boolean capability = ownCases.stream().anyMatch(caseStudy -> cited.stream()
			.anyMatch(m -> m.type().equals("product-doc") && !caseStudy.product().isEmpty()
					&& m.product().equals(caseStudy.product())));
		boolean boilerplate = history || cited.stream().anyMatch(m -> COMPANY_TYPES.contains(m.type()));
		int internal = (int) cited.stream().filter(m -> !m.visibility().equals(PassageMetadata.PUBLIC)).count();
		boolean pricing = cited.stream().anyMatch(m -> m.type().equals("pricing"));
		boolean languageMatch = draft.status() == Draft.Status.GENERATED && writtenIn(draft, language);
		int count = OfflineComposer.words(draft.body());
		return new Row(text(lead, "externalId"), item.angle(), industry, language, draft.status().name(),
				draft.provenance().language(), citedTitles, ownCase, offCase, capability, boilerplate, internal, pricing,
				languageMatch, count, draft.content().score().value(), draft.subject(),
				draft.failureReason() == null ? "" : draft.failureReason(), draft.body(),
				draft.provenance().plan().stream()
					.map(slot -> slot.slot() + ": " + slot.reason() + (slot.filled() ? " — " + slot.documentTitle() : ""))
					.collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), plan -> {
						draft.provenance().attempts().stream()
							.filter(attempt -> attempt.outcome().startsWith("guardrail"))
							.forEach(attempt -> plan.add("(" + attempt.outcome() + ": " + attempt.reason() + ")"));
						return plan;
					})));
	}

	/** Whether subject, every sentence after the greeting and the call to action read as the language. */
	private boolean writtenIn(Draft draft, String language) {
		var texts = new ArrayList<String>();
		texts.add(draft.subject());
		draft.content().sentences().stream().skip(1).forEach(sentence -> texts.add(sentence.text()));
		texts.add(draft.content().callToAction());
		return texts.stream()
			.filter(text -> LanguageWords.words(text).size() >= 4)
			.allMatch(text -> LanguageWords.detect(text, languages).map(language::equals).orElse(true));
	}

	private static String text(JsonNode node, String... path) {
		var at = node;
		for (var name : path) {
			at = at == null ? null : at.get(name);
		}
		return at == null || at.isNull() ? "" : at.asString();
	}

	private static double share(List<Row> rows, java.util.function.Predicate<Row> test) {
		if (rows.isEmpty()) {
			return 0;
		}
		return Math.round(1000.0 * rows.stream().filter(test).count() / rows.size()) / 1000.0;
	}

	private static void writeReport(Path report, List<Row> rows, Map<String, Object> result) {
		var out = new StringBuilder("# Draft quality\n\n`eval/run draft-quality`: each lead drafted on tier 0 through the"
				+ " whole pipeline, judged by the front matter of the documents its draft cites (definitions in"
				+ " `eval/README.md`).\n\n| measure | value |\n|---|---|\n");
		result.forEach((key, value) -> out.append("| ").append(key).append(" | ").append(value).append(" |\n"));
		out.append("\n| lead | angle | industry | lang | written | status | words | own case | off case | case+capability | boilerplate | subject | cited |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		Function<Boolean, String> mark = flag -> flag ? "yes" : "";
		for (var row : rows) {
			out.append("| ").append(row.lead()).append(" | ").append(row.angle()).append(" | ").append(row.industry())
				.append(" | ").append(row.language()).append(" | ").append(row.written()).append(" | ")
				.append(row.status()).append(" | ").append(row.words()).append(" | ").append(mark.apply(row.ownCase()))
				.append(" | ").append(mark.apply(row.offCase())).append(" | ").append(mark.apply(row.casePlusCapability()))
				.append(" | ").append(mark.apply(row.boilerplate())).append(" | ").append(row.subject().replace("|", "/"))
				.append(" | ").append(String.join("; ", row.cited()).replace("|", "/"))
				.append(row.reason().isEmpty() ? "" : " — " + row.reason().replace("|", "/")).append(" |\n");
		}
		out.append("\n## The drafts\n");
		for (var row : rows) {
			out.append("\n### ").append(row.lead()).append(" (").append(row.angle()).append(", ").append(row.language())
				.append(" → ").append(row.written()).append(", ").append(row.words()).append(" words, score ")
				.append(row.score()).append(")\n\nPlan:\n");
			row.plan().forEach(slot -> out.append("- ").append(slot).append('\n'));
			out.append("\n> **").append(row.subject()).append("**\n>\n");
			for (var line : row.body().split("\n")) {
				out.append("> ").append(line).append('\n');
			}
		}
		try {
			Files.createDirectories(report.toAbsolutePath().getParent());
			Files.writeString(report, out.toString(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<UUID, PassageMetadata> metadataOf(KnowledgeChunks chunks, TenantId tenant, List<UUID> documents) {
		var metadata = new HashMap<UUID, PassageMetadata>();
		for (var id : documents) {
			chunks.chunksOf(tenant, id).stream().findFirst().ifPresent(chunk -> metadata.put(id, chunk.metadata()));
		}
		return metadata;
	}
}
