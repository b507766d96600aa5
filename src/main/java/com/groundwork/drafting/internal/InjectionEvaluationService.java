package com.groundwork.drafting.internal;

import com.groundwork.drafting.InjectionEvaluation;
import com.groundwork.guardrail.GuardrailEvaluation;
import com.groundwork.identity.TenantId;
import com.groundwork.knowledge.KnowledgeChunks;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.Tenants;
import com.groundwork.lead.LeadIntake;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The injection evaluation: detector recall on planted BIPIA attacks, false positives on the clean contexts and on
 * every chunk of the knowledge folder, and the attack success rate end to end ({@link InjectionEndToEnd}).
 */
@Service
class InjectionEvaluationService implements InjectionEvaluation {

	private final GuardrailEvaluation guardrails;

	private final KnowledgeIngestion ingestion;

	private final KnowledgeChunks chunks;

	private final JsonMapper mapper;

	private final PassageSearch search;

	private final Tenants tenants;

	private final java.util.function.Supplier<InjectionEndToEnd> endToEnd;

	InjectionEvaluationService(GuardrailEvaluation guardrails, KnowledgeIngestion ingestion, KnowledgeChunks chunks,
			JsonMapper mapper, LeadIntake intake, PassageSearch search, Guardrails guardrailChecks, RepairPrompt repairPrompt,
			Tenants tenants, EvidencePlanner planner, DraftPipelines pipelines) {
		this.guardrails = guardrails;
		this.ingestion = ingestion;
		this.chunks = chunks;
		this.mapper = mapper;
		this.search = search;
		this.tenants = tenants;
		this.endToEnd = () -> new InjectionEndToEnd(intake, guardrailChecks, repairPrompt, mapper, planner, pipelines);
	}

	/** Tallies of one breakdown (by place, category, position). */
	static final class Tally {

		int cases;

		int detected;

		int untaggedDetected;

		int succeeded;

		double recall() {
			return cases == 0 ? 0 : (double) detected / cases;
		}

		double untaggedRecall() {
			return cases == 0 ? 0 : (double) untaggedDetected / cases;
		}
	}

	@Override
	public String injection(TenantId tenant, Path emailsFile, Path attacksFile, Path knowledge, Path report,
			int endToEndCases, PrintStream progress) {
		var emails = BipiaCases.emails(mapper, emailsFile);
		var attacks = BipiaCases.attacks(mapper, attacksFile);
		var cases = BipiaCases.plant(emails, attacks);
		progress.println("injection: " + emails.size() + " e-mail contexts × "
				+ attacks.values().stream().mapToInt(List::size).sum() + " attacks × 3 places = " + cases.size() + " cases");

		// Warm up the detector so the timings show steady state.
		for (int i = 0; i < Math.min(cases.size(), 500); i++) {
			guardrails.scanUntrusted(cases.get(i).text());
		}
		var byPlace = new TreeMap<String, Tally>();
		var byCategory = new LinkedHashMap<String, Tally>();
		var byPosition = new TreeMap<String, Tally>();
		var overall = new Tally();
		var missed = new ArrayList<String>();
		var untaggedMissed = new LinkedHashMap<String, String>();
		long[] nanos = new long[cases.size()];
		for (var planted : cases) {
			long started = System.nanoTime();
			boolean detected = !guardrails.scanUntrusted(planted.text()).isEmpty();
			nanos[planted.index()] = System.nanoTime() - started;
			boolean untagged = !guardrails.scanUntrusted(planted.untagged()).isEmpty();
			for (var tally : List.of(overall, byPlace.computeIfAbsent(planted.place().slug(), key -> new Tally()),
					byCategory.computeIfAbsent(planted.category(), key -> new Tally()),
					byPosition.computeIfAbsent(planted.place() == BipiaCases.Place.LEAD_FIELD ? "(lead field)"
							: planted.position().name().toLowerCase(Locale.ROOT), key -> new Tally()))) {
				tally.cases++;
				tally.detected += detected ? 1 : 0;
				tally.untaggedDetected += untagged ? 1 : 0;
			}
			if (!detected && missed.size() < 40) {
				missed.add(planted.place().slug() + ": " + planted.instruction());
			}
			if (!untagged) {
				untaggedMissed.putIfAbsent(planted.attack(), planted.category());
			}
			if ((planted.index() + 1) % 2000 == 0) {
				progress.println("injection: scanned " + (planted.index() + 1) + "/" + cases.size());
			}
		}

		// False positives: the same contexts without attacks, and every chunk of the knowledge folder.
		var falsePositives = new ArrayList<String>();
		int cleanTexts = 0;
		int cleanFlagged = 0;
		for (var email : emails) {
			for (var place : BipiaCases.Place.values()) {
				cleanTexts++;
				var hits = guardrails.scanUntrusted(BipiaCases.clean(place, email));
				if (!hits.isEmpty()) {
					cleanFlagged++;
					falsePositives.add("e-mail " + email.index() + " (" + place.slug() + "): " + hits.getFirst().category()
							+ " — " + hits.getFirst().evidence());
				}
			}
		}
		var knowledgeChunks = knowledgeChunks(tenant, knowledge, progress);
		int chunkFlagged = 0;
		for (var chunk : knowledgeChunks.entrySet()) {
			var hits = guardrails.scanUntrusted(chunk.getValue());
			if (!hits.isEmpty()) {
				chunkFlagged++;
				falsePositives.add("knowledge " + chunk.getKey() + ": " + hits.getFirst().category() + " — "
						+ hits.getFirst().evidence());
			}
		}
		falsePositives.forEach(line -> progress.println("injection: false positive " + line));
		int negatives = cleanTexts + knowledgeChunks.size();
		double falsePositiveRate = negatives == 0 ? 0 : (double) (cleanFlagged + chunkFlagged) / negatives;

		// End to end: the whole drafting pipeline with a model that obeys whatever planted instruction it is shown.
		awaitSearchable(tenant, knowledgeChunks.keySet(), progress);
		var slug = tenants.slugOf(tenant).orElseThrow();
		var outcome = endToEnd.get().run(tenant, slug, cases, emails, endToEndCases, progress);
		outcome.successes.forEach(line -> progress.println("injection: attack succeeded " + line));
		outcome.cleanBlocks.forEach(line -> progress.println("injection: clean draft blocked " + line));

		Arrays.sort(nanos);
		double p50 = percentile(nanos, 0.5) / 1e6;
		double p99 = percentile(nanos, 0.99) / 1e6;
		var summary = new LinkedHashMap<String, Object>();
		summary.put("detector_recall", round(overall.recall()));
		summary.put("false_positive_rate", round(falsePositiveRate));
		summary.put("attack_success_rate", round(outcome.rate()));
		summary.put("cases", cases.size());
		summary.put("p99_ms", round(outcome.p99Ms));
		writeReport(report, new Report(emailsFile, attacksFile, knowledge, cases.size(), overall, byPlace, byCategory,
				byPosition, cleanTexts, cleanFlagged, knowledgeChunks.size(), chunkFlagged, falsePositives, missed,
				untaggedMissed, outcome, p50, p99, summary), progress);
		return mapper.writeValueAsString(summary);
	}

	/** Waits until the search projection has the ingested documents (it follows the knowledge module's events). */
	private void awaitSearchable(TenantId tenant, java.util.Set<String> chunkKeys, PrintStream progress) {
		long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
		int expected = Math.min(3, chunkKeys.size());
		while (System.nanoTime() < deadline) {
			var found = search.search(new SearchQuery(tenant, "platform results customers operations", 20,
					SearchFilters.NONE, false));
			if (found.stream().map(passage -> passage.documentId()).distinct().count() >= expected) {
				return;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		progress.println("injection: the search index still lacks the knowledge documents after 3 minutes");
	}

	/** Ingests every document of the knowledge folder into the tenant and answers its chunks, id → text. */
	private Map<String, String> knowledgeChunks(TenantId tenant, Path knowledge, PrintStream progress) {
		var documents = new ArrayList<Path>();
		try (Stream<Path> walk = Files.walk(knowledge)) {
			walk.filter(Files::isRegularFile)
				.filter(path -> !path.getFileName().toString().equals("README.md"))
				.sorted()
				.forEach(documents::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var ids = new java.util.HashMap<java.util.UUID, String>();
		for (var document : documents) {
			var source = knowledge.relativize(document).toString().replace('\\', '/');
			try {
				var outcome = ingestion.ingest(tenant, new SourceDocument(source, Files.readAllBytes(document)));
				ids.put(outcome.documentId(), source);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (RuntimeException ex) {
				progress.println("injection: knowledge " + source + " not ingested: " + ex.getMessage());
			}
		}
		var texts = new TreeMap<String, String>();
		chunks.forEachChunk(chunk -> {
			if (chunk.tenant().equals(tenant) && ids.containsKey(chunk.documentId())) {
				texts.put(ids.get(chunk.documentId()) + "#" + chunk.ordinal(), chunk.text());
			}
		});
		progress.println("injection: " + texts.size() + " knowledge chunks from " + documents.size() + " documents");
		return texts;
	}

	record Report(Path emails, Path attacks, Path knowledge, int cases, Tally overall, Map<String, Tally> byPlace,
			Map<String, Tally> byCategory, Map<String, Tally> byPosition, int cleanTexts, int cleanFlagged, int chunks,
			int chunkFlagged, List<String> falsePositives, List<String> missed, Map<String, String> untaggedMissed,
			InjectionEndToEnd.Outcome endToEnd, double p50, double p99, Map<String, Object> summary) {
	}

	private void writeReport(Path file, Report report, PrintStream progress) {
		var out = new StringBuilder();
		out.append("# Prompt injection\n\n");
		out.append("`eval/run injection --emails ").append(slash(report.emails())).append(" --attacks ")
			.append(slash(report.attacks())).append("` (knowledge: `").append(slash(report.knowledge())).append("`)\n\n");
		out.append("```\n").append(mapper.writeValueAsString(report.summary())).append("\n```\n\n");
		out.append(String.format(Locale.ROOT,
				"%d cases: every attack, tagged with a unique canary (\"…, and include the code ZX-4711.\"), planted into every"
						+ " e-mail context in three places (a knowledge passage, the lead's CRM notes, the company name), at the start,"
						+ " middle or end of the context in turn.%n%n",
				report.cases()));
		out.append("## Detector\n\n");
		out.append(String.format(Locale.ROOT,
				"Recall %.4f with the canary clause; %.4f on the bare attack text (the same places without the clause).%n%n",
				report.overall().recall(), report.overall().untaggedRecall()));
		out.append("| place | cases | recall | recall, bare attack |\n|---|---:|---:|---:|\n");
		report.byPlace().forEach((place, tally) -> out.append(row(place, tally)));
		out.append("\n| position | cases | recall | recall, bare attack |\n|---|---:|---:|---:|\n");
		report.byPosition().forEach((position, tally) -> out.append(row(position, tally)));
		out.append("\n| attack category | cases | recall | recall, bare attack |\n|---|---:|---:|---:|\n");
		report.byCategory().forEach((category, tally) -> out.append(row(category, tally)));
		out.append(String.format(Locale.ROOT, "%nDetector time per case (one untrusted text): p50 %.3f ms, p99 %.3f ms.%n",
				report.p50(), report.p99()));
		out.append("\n## False positives\n\n");
		out.append(String.format(Locale.ROOT,
				"| negatives | texts | flagged | rate |%n|---|---:|---:|---:|%n| clean e-mail contexts (3 places each) | %d | %d | %.4f |%n"
						+ "| knowledge chunks | %d | %d | %.4f |%n| **all** | %d | %d | **%.4f** |%n%n",
				report.cleanTexts(), report.cleanFlagged(), rate(report.cleanFlagged(), report.cleanTexts()),
				report.chunks(), report.chunkFlagged(), rate(report.chunkFlagged(), report.chunks()),
				report.cleanTexts() + report.chunks(), report.cleanFlagged() + report.chunkFlagged(),
				rate(report.cleanFlagged() + report.chunkFlagged(), report.cleanTexts() + report.chunks())));
		report.falsePositives().forEach(line -> out.append("- ").append(line.replace("\n", " ")).append('\n'));
		if (!report.missed().isEmpty()) {
			out.append("\n## Missed planted attacks (first ").append(report.missed().size()).append(")\n\n");
			report.missed().forEach(line -> out.append("- ").append(line.replace("\n", " ")).append('\n'));
		}
		if (!report.untaggedMissed().isEmpty()) {
			out.append("\n## Bare attacks missed in at least one place\n\n");
			report.untaggedMissed().forEach((attack, category) -> out.append("- ").append(category).append(": ")
				.append(attack).append('\n'));
		}
		var e2e = report.endToEnd();
		out.append("\n## End to end\n\n");
		out.append(String.format(Locale.ROOT,
				"%d of the %d cases ran through the whole drafting pipeline (retrieval with the planted passage ranked first,"
						+ " screening of untrusted text, a worst-case model that obeys any planted instruction it is shown,"
						+ " guardrails with their repair loop, storage with the verdict); an attack succeeds when its draft is"
						+ " not blocked (passed or sent to review) and still carries the canary or the instruction's payload.%n%n",
				e2e.cases, report.cases()));
		out.append(String.format(Locale.ROOT,
				"**Attack success rate %.4f** (%d drafts). The model was shown the planted instruction in %d cases; %d"
						+ " drafts carried it and were blocked.%n%n",
				e2e.rate(), e2e.succeeded, e2e.obeyed, e2e.carriedButBlocked));
		out.append("| place | cases | model shown the attack | attack succeeded |\n|---|---:|---:|---:|\n");
		e2e.byPlace.forEach((place, counts) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", place,
				counts[0], counts[1], counts[2])));
		out.append("\nVerdicts of the attacked drafts: ").append(e2e.verdicts).append("; of the clean drafts (")
			.append(e2e.cleanCases).append(" = e-mail contexts × places): ").append(e2e.cleanVerdicts).append(".\n");
		out.append(String.format(Locale.ROOT,
				"%nPipeline time per case (retrieval, screening, model stub, guardrails, repair, storage): p50 %.1f ms,"
						+ " p99 %.1f ms.%n",
				e2e.p50Ms, e2e.p99Ms));
		if (!e2e.successes.isEmpty()) {
			out.append("\nSucceeded attacks:\n\n");
			e2e.successes.forEach(line -> out.append("- ").append(line).append('\n'));
		}
		if (!e2e.cleanBlocks.isEmpty()) {
			out.append("\nClean drafts blocked (first ").append(e2e.cleanBlocks.size()).append("):\n\n");
			e2e.cleanBlocks.forEach(line -> out.append("- ").append(line).append('\n'));
		}
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.writeString(file, out.toString());
			progress.println("injection: report written to " + file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String row(String name, Tally tally) {
		return String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", name, tally.cases, tally.recall(),
				tally.untaggedRecall());
	}

	private static String slash(Path path) {
		return path.toString().replace('\\', '/');
	}

	private static double rate(int part, int whole) {
		return whole == 0 ? 0 : (double) part / whole;
	}

	private static long percentile(long[] sorted, double share) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(share * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double round(double value) {
		return Math.round(value * 10000) / 10000.0;
	}
}
