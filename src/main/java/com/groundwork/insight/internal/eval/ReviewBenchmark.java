package com.groundwork.insight.internal.eval;

import com.groundwork.drafting.DraftOrder;
import com.groundwork.drafting.Drafts;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import com.groundwork.review.ReviewQueue;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval/run bench-review}: the reviewer's action latency, measured as a reviewer's tool sees it: HTTP round
 * trips of {@code POST /api/review/{id}/claim} and {@code …/approve} (as written, and after an edit, which the
 * guardrails re-check) against the production application on a loopback port, with the demo reviewer's API key.
 * The drafts come from the real pipeline (offline drafter, guardrails) over a few sample documents.
 */
final class ReviewBenchmark implements EvalCommand {

	private static final List<String> DOCUMENTS = List.of("case-studies/brightwater-freight.md",
			"case-studies/kessler-kuehllogistik.md", "case-studies/pinecrest-outfitters.md", "products/dockpilot.md",
			"products/platform-overview.md");

	/** Demo leads whose drafts the guardrails do not block (consent on record, or opt-out countries). */
	private static final List<String> LEADS = List.of("L-1001", "L-1003", "L-1004", "L-1007", "L-1010", "L-1012",
			"L-1013", "L-1014", "L-1017", "L-1020");

	private static final List<String> ANGLES = List.of("intro", "follow-up", "case-study", "event-invite",
			"re-engagement");

	@Override
	public String name() {
		return "bench-review";
	}

	@Override
	public String usage() {
		return "bench-review [--drafts 200] [--knowledge knowledge] [--report eval/reports/bench-review.md]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		int count = arguments.integer("drafts", 200);
		var knowledge = Path.of(arguments.get("knowledge", "knowledge"));
		var report = Path.of(arguments.get("report", "eval/reports/bench-review.md"));
		// one key sends every action back to back, far above a person's pace: the per-key rate limit would answer 429s
		// and the benchmark would time the limiter, not the review
		var properties = new ArrayList<>(List.of("groundwork.demo.enabled=true",
				"groundwork.knowledge.sync-on-start=false", "groundwork.demo.tenants=acme",
				"groundwork.identity.rate-limit.enabled=false"));
		properties.addAll(arguments.springProperties());
		try (var context = EvalContext.start(properties, null)) {
			var tenant = context.bean(Tenants.class)
				.all()
				.stream()
				.filter(summary -> summary.slug().equals("acme"))
				.findFirst()
				.orElseThrow()
				.id();
			ingest(context, tenant, knowledge);
			var drafts = queue(context, tenant, count);
			var port = context.property("local.server.port");
			var result = measure(URI.create("http://127.0.0.1:" + port), context.bean(Drafts.class), tenant, drafts);
			result.put("drafts", drafts.size());
			write(report, result);
			return result;
		}
	}

	private static void ingest(EvalContext context, TenantId tenant, Path knowledge) throws IOException {
		var ingestion = context.bean(KnowledgeIngestion.class);
		for (var document : DOCUMENTS) {
			ingestion.ingest(tenant, new SourceDocument(document, Files.readAllBytes(knowledge.resolve(document))));
		}
		var search = context.bean(PassageSearch.class);
		var deadline = Instant.now().plusSeconds(120);
		while (search.search(new SearchQuery(tenant, "dock appointment scheduling", 20, SearchFilters.NONE, false))
			.stream()
			.map(passage -> passage.documentId())
			.distinct()
			.count() < 3) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("the knowledge documents did not become searchable");
			}
			sleep(200);
		}
		System.err.println("bench-review: " + DOCUMENTS.size() + " documents ingested");
	}

	/** Generates drafts and waits until the guardrails' verdicts have put them in the queue. */
	private static List<UUID> queue(EvalContext context, TenantId tenant, int count) {
		var drafts = context.bean(Drafts.class);
		var queue = context.bean(ReviewQueue.class);
		var ids = new ArrayList<UUID>();
		for (int i = 0; i < count; i++) {
			var draft = drafts.generate(new DraftOrder(tenant, "acme", "bench.rep", LEADS.get(i % LEADS.size()),
					ANGLES.get((i / LEADS.size()) % ANGLES.size()), null, "api", null));
			if ("GENERATED".equals(draft.status())) {
				ids.add(draft.id());
			}
		}
		var checked = new ArrayList<UUID>();
		var deadline = Instant.now().plusSeconds(120);
		for (var id : ids) {
			String state;
			while ((state = queue.stateOf(tenant, id).orElse("GENERATED")).equals("GENERATED")) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("draft " + id + " never reached the review queue");
				}
				sleep(20);
			}
			if (state.equals("CHECKED")) {
				checked.add(id);
			}
		}
		System.err.println("bench-review: " + checked.size() + " of " + count + " drafts waiting for review");
		return checked;
	}

	private static Map<String, Object> measure(URI base, Drafts drafts, TenantId tenant, List<UUID> ids)
			throws Exception {
		var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		var claims = new ArrayList<Long>();
		var approvals = new ArrayList<Long>();
		var edits = new ArrayList<Long>();
		int warmUp = Math.min(20, ids.size() / 5);
		for (int i = 0; i < ids.size(); i++) {
			var id = ids.get(i);
			long claim = post(client, base, "/api/review/" + id + "/claim", "");
			boolean edit = i % 4 == 3;
			// a comment, since drafts whose findings need repair may only go as written with one
			String body = "{\"comment\":\"bench\"}";
			if (edit) {
				var draft = drafts.find(tenant, id).orElseThrow();
				body = JsonMapper.shared()
					.writeValueAsString(Map.of("body", draft.body().replaceFirst("^Hi ", "Hello "), "comment", "bench"));
			}
			long approve = post(client, base, "/api/review/" + id + "/approve", body);
			if (i >= warmUp) {
				claims.add(claim);
				(edit ? edits : approvals).add(approve);
			}
			if ((i + 1) % 50 == 0) {
				System.err.println("bench-review: " + (i + 1) + "/" + ids.size() + " reviewed");
			}
		}
		var all = new ArrayList<Long>(claims);
		all.addAll(approvals);
		all.addAll(edits);
		var result = new LinkedHashMap<String, Object>();
		result.put("actions", all.size());
		result.put("p50_ms", ms(percentile(all, 0.50)));
		result.put("p99_ms", ms(percentile(all, 0.99)));
		result.put("claim_p50_ms", ms(percentile(claims, 0.50)));
		result.put("approve_p50_ms", ms(percentile(approvals, 0.50)));
		result.put("edit_approve_p50_ms", ms(percentile(edits, 0.50)));
		result.put("edit_approve_p99_ms", ms(percentile(edits, 0.99)));
		return result;
	}

	/** One round trip in nanoseconds; anything but 200 stops the benchmark. */
	private static long post(HttpClient client, URI base, String path, String json) throws Exception {
		var request = HttpRequest.newBuilder(base.resolve(path))
			.header("X-API-Key", "demo-acme-reviewer")
			.header("Content-Type", "application/json")
			.POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.build();
		long started = System.nanoTime();
		var response = client.send(request, HttpResponse.BodyHandlers.ofString());
		long elapsed = System.nanoTime() - started;
		if (response.statusCode() != 200) {
			throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return elapsed;
	}

	private static long percentile(List<Long> values, double p) {
		if (values.isEmpty()) {
			return 0;
		}
		var sorted = values.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
	}

	private static double ms(long nanos) {
		return Math.round(nanos / 10_000.0) / 100.0;
	}

	private static void write(Path report, Map<String, Object> result) throws IOException {
		Files.createDirectories(report.toAbsolutePath().getParent());
		var markdown = new StringBuilder("# bench-review\n\nReviewer action latency: HTTP round trips of the review API on ")
			.append("a loopback port (production context, H2, demo API key), after ").append(result.get("drafts"))
			.append(" drafts from the real pipeline reached the queue. Approvals after an edit include the guardrails' ")
			.append("re-check.\n\n| action | p50 ms |\n|---|---:|\n")
			.append("| claim | ").append(result.get("claim_p50_ms")).append(" |\n")
			.append("| approve as written | ").append(result.get("approve_p50_ms")).append(" |\n")
			.append("| approve after an edit (re-check) | ").append(result.get("edit_approve_p50_ms")).append(" |\n")
			.append("| all ").append(result.get("actions")).append(" actions | ").append(result.get("p50_ms"))
			.append(" (p99 ").append(result.get("p99_ms")).append(") |\n\n")
			.append("Run: ").append(Instant.now()).append(", ")
			.append(String.format(Locale.ROOT, "%d cores", Runtime.getRuntime().availableProcessors())).append(".\n");
		Files.writeString(report, markdown);
		Files.writeString(report.resolveSibling(report.getFileName().toString().replaceFirst("\\.md$", ".json")),
				JsonMapper.shared().writeValueAsString(result) + "\n");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
