package com.groundwork.insight.internal.eval;

import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval/run bench-campaign}: campaign throughput against the bound a model imposes. An OpenAI-compatible stub
 * answers every call after a fixed latency; the production application (temporary H2 data directory, demo tenant
 * {@code acme}, a few knowledge documents) drafts a campaign of generated leads through its own API, the stub being
 * its only model tier. Throughput is the campaign's items ÷ the time from its start to its last item's end; the bound
 * is concurrency ÷ model latency (the stub's tier admits as many calls as the campaign runs at once), or a rate
 * limit given on the command line if lower ({@code --groundwork.drafting.tiers.small.requests-per-second=…},
 * {@code --groundwork.campaign.tenants.default.drafts-per-second=…}).
 * <p>
 * The timed campaign measures the service in its steady state, as it runs for days. Warm-up campaigns run first until
 * the JIT compiler works less than a twentieth of a round (or {@code --warm-up-seconds} have passed): most of the drafting
 * path runs once per draft, and C2 compiles a method after about 5,000 calls, so the compiler keeps working for the
 * first 10,000–20,000 drafts. With 2,500 warm-up drafts it took 0.8 of a core during the timed run, and the carrier
 * threads of the drafts' virtual threads queued behind it.
 */
final class CampaignBenchmark implements EvalCommand {

	private static final Logger log = LoggerFactory.getLogger(CampaignBenchmark.class);

	private static final List<String> DOCUMENTS = List.of("case-studies/brightwater-freight.md",
			"case-studies/kessler-kuehllogistik.md", "case-studies/pinecrest-outfitters.md",
			"case-studies/veldhuis-medical-distribution.md", "products/dockpilot.md", "products/platform-overview.md",
			"security/security-compliance-faq.md");

	private static final String[] TITLES = { "VP Operations", "Head of Logistics", "Director of Fulfillment",
			"Supply Chain Manager", "COO", "Warehouse Manager" };

	private static final String[] INDUSTRIES = { "logistics", "manufacturing", "retail" };

	private static final String DRAFT = """
			{"subject":"An idea for your dock schedule","sentences":[{"text":"Hi [[FIRST_NAME]],","passages":[]},\
			{"text":"Teams like yours plan their dock appointments with our scheduling.","passages":["P1"]}],\
			"callToAction":"Would a short call next week help?"}""";

	@Override
	public String name() {
		return "bench-campaign";
	}

	@Override
	public String usage() {
		return "bench-campaign [--leads 2000] [--model-latency-ms 200] [--concurrency 32] [--warm-up 1000]"
				+ " [--warm-up-seconds 300] [--knowledge knowledge] [--report eval/reports/bench-campaign.md]";
	}

	@Override
	public Map<String, Object> run(EvalArguments arguments) throws Exception {
		int leads = arguments.integer("leads", 2000);
		int latency = arguments.integer("model-latency-ms", 200);
		int concurrency = arguments.integer("concurrency", 32);
		int warmUp = arguments.integer("warm-up", Math.min(1000, Math.max(50, leads / 2)));
		int warmUpSeconds = arguments.integer("warm-up-seconds", 300);
		if (leads < 1 || latency < 0 || concurrency < 1 || warmUp < 0 || warmUpSeconds < 0) {
			throw new EvalArguments.UsageException("--leads and --concurrency must be positive, --model-latency-ms,"
					+ " --warm-up and --warm-up-seconds >= 0");
		}
		var calls = new AtomicInteger();
		var stub = stubModel(latency, calls);
		long started = System.nanoTime();
		try {
			var properties = new ArrayList<>(List.of("groundwork.demo.enabled=true", "groundwork.demo.tenants=acme",
					"groundwork.knowledge.sync-on-start=false",
					"groundwork.drafting.tiers.small.base-url=http://127.0.0.1:" + stub.getAddress().getPort(),
					"groundwork.drafting.tiers.small.model=stub-" + latency + "ms",
					"groundwork.drafting.tiers.small.timeout=30s",
					"groundwork.drafting.tiers.small.max-concurrent-calls=" + concurrency,
					"groundwork.drafting.tiers.small.max-wait=60s",
					"groundwork.drafting.tiers.small.minimum-calls=1000000",
					"groundwork.drafting.routing.campaign=small",
					"groundwork.campaign.max-in-flight=" + concurrency,
					"groundwork.campaign.tenants.default.max-concurrent=" + concurrency,
					"groundwork.campaign.tenants.default.drafts-per-second=0",
					"spring.datasource.hikari.maximum-pool-size=" + Math.max(10, concurrency / 2 + 4)));
			properties.addAll(arguments.springProperties());
			try (var context = EvalContext.start(properties, null)) {
				var tenant = context.bean(Tenants.class)
					.all()
					.stream()
					.filter(summary -> summary.slug().equals("acme"))
					.findFirst()
					.orElseThrow()
					.id();
				var knowledge = Path.of(arguments.get("knowledge", "knowledge"));
				var ingestion = context.bean(KnowledgeIngestion.class);
				for (var document : DOCUMENTS) {
					ingestion.ingest(tenant, new SourceDocument(document, Files.readAllBytes(knowledge.resolve(document))));
				}
				var search = context.bean(PassageSearch.class);
				var deadline = Instant.now().plusSeconds(120);
				while (search.search(new SearchQuery(tenant, "dock appointment scheduling", 20, SearchFilters.NONE, false))
					.size() < 3 && Instant.now().isBefore(deadline)) {
					Thread.sleep(200);
				}
				var api = new Api(Integer.parseInt(context.property("local.server.port")));
				int rounds = 0;
				double lastCompiling = Double.NaN;
				var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
				long warmUpEnds = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
				for (int round = 1; warmUp > 0 && System.nanoTime() < warmUpEnds; round++) {
					long compiledBefore = compiler.getTotalCompilationTime();
					long roundStarted = System.nanoTime();
					log.info("bench-campaign: warm-up campaign {} of {} leads", round, warmUp);
					api.runCampaign("warm-up " + round, "W" + round, warmUp);
					rounds = round;
					double compiling = (compiler.getTotalCompilationTime() - compiledBefore)
							/ ((System.nanoTime() - roundStarted) / 1e6);
					log.info("bench-campaign: the JIT compiler worked {}% of warm-up round {}", Math.round(compiling * 100),
							round);
					lastCompiling = compiling;
					if (compiling < 0.05) {
						break;
					}
				}
				long compiledBeforeTimed = compiler.getTotalCompilationTime();
				log.info("bench-campaign: timed campaign of {} leads, model latency {} ms, concurrency {}", leads,
						latency, concurrency);
				int callsBefore = calls.get();
				var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
					.getOperatingSystemMXBean();
				long cpuBefore = os.getProcessCpuTime();
				var view = api.runCampaign("timed", "B", leads);
				double cpuMsPerItem = (os.getProcessCpuTime() - cpuBefore) / 1e6 / leads;
				var counts = view.get("counts");
				long drafted = counts.get("DRAFTED").asLong() + counts.get("BLOCKED").asLong();
				double throughput = view.get("throughputPerSecond").asDouble();
				double bound = latency == 0 ? Double.POSITIVE_INFINITY : concurrency * 1000.0 / latency;
				// a configured rate limit below that is the bound instead (the model's, or the tenant's campaigns')
				for (var limit : List.of("groundwork.drafting.tiers.small.requests-per-second",
						"groundwork.campaign.tenants.acme.drafts-per-second",
						"groundwork.campaign.tenants.default.drafts-per-second")) {
					var value = context.property(limit);
					if (!value.isBlank() && Double.parseDouble(value) > 0) {
						bound = Math.min(bound, Double.parseDouble(value));
					}
				}
				double ratio = bound == Double.POSITIVE_INFINITY ? 1 : throughput / bound;
				var line = new LinkedHashMap<String, Object>();
				line.put("leads", leads);
				line.put("throughput_per_s", round(throughput, 2));
				line.put("bound_per_s", round(bound, 2));
				line.put("ratio", round(ratio, 3));
				var details = new LinkedHashMap<String, Object>(line);
				// CPU the whole process spent per item (drafting, the stub, polling, GC): what the machine's load hides
				int cores = Runtime.getRuntime().availableProcessors();
				details.put("cpu_ms_per_item", round(cpuMsPerItem, 2));
				details.put("cpu_bound_per_s", round(cores * 1000.0 / cpuMsPerItem, 1));
				details.put("load_average", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
					.getSystemLoadAverage(), 2));
				details.put("model_latency_ms", latency);
				details.put("concurrency", concurrency);
				details.put("drafted", drafted);
				details.put("counts", counts);
				details.put("model_calls", calls.get() - callsBefore);
				details.put("by_model", api.models(view.get("id").asString()));
				details.put("campaign_seconds", round(Duration.between(Instant.parse(view.get("startedAt").asString()),
						Instant.parse(view.get("finishedAt").asString())).toMillis() / 1000.0, 2));
				details.put("warm_up_leads", rounds * warmUp);
				details.put("warm_up_rounds", rounds);
				details.put("jit_share_of_last_warm_up_round", Double.isNaN(lastCompiling) ? null : round(lastCompiling, 2));
				details.put("jit_ms_during_timed", compiler.getTotalCompilationTime() - compiledBeforeTimed);
				details.put("cores", Runtime.getRuntime().availableProcessors());
				details.put("run_seconds", round((System.nanoTime() - started) / 1e9, 1));
				var report = Path.of(arguments.get("report", "eval/reports/bench-campaign.md"));
				Files.createDirectories(report.toAbsolutePath().getParent());
				Files.writeString(report.resolveSibling(report.getFileName().toString().replaceAll("\\.md$", "") + ".json"),
						JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(details)
								+ "\n",
						StandardCharsets.UTF_8);
				Files.writeString(report, markdown(details), StandardCharsets.UTF_8);
				log.info("Report written to {}", report);
				return line;
			}
		}
		finally {
			stub.stop(0);
		}
	}

	/** An OpenAI-compatible chat completions endpoint that answers one cited draft after {@code latency} ms. */
	private static HttpServer stubModel(int latency, AtomicInteger calls) throws IOException {
		var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		var answer = JsonMapper.shared()
			.writeValueAsString(Map.of("id", "chatcmpl-bench", "model", "stub", "choices",
					List.of(Map.of("index", 0, "finish_reason", "stop", "message",
							Map.of("role", "assistant", "content", DRAFT))),
					"usage", Map.of("prompt_tokens", 600, "completion_tokens", 120)))
			.getBytes(StandardCharsets.UTF_8);
		server.createContext("/v1/chat/completions", exchange -> {
			try (exchange) {
				exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
				calls.incrementAndGet();
				Thread.sleep(latency);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		// Platform threads, as a remote model's latency does not depend on this process: on the service's virtual-thread
		// carriers, a reply waited for a free carrier behind drafting work (207.8 ms mean for a 200 ms sleep, and 235 ms
		// until the client saw the response, against 201 and 213 ms on platform threads).
		server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().name("stub-model-", 0).daemon().factory()));
		server.start();
		return server;
	}

	/** The service's campaign API, as a marketer's client would call it. */
	private static final class Api {

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		private final String base;

		Api(int port) {
			this.base = "http://127.0.0.1:" + port;
		}

		/** Creates a campaign of {@code count} generated leads and answers it once finished. */
		JsonNode runCampaign(String name, String prefix, int count) throws Exception {
			var body = new StringBuilder("{\"name\":\"bench ").append(name).append("\",\"angle\":\"intro\",\"leads\":[");
			for (int i = 0; i < count; i++) {
				body.append(i == 0 ? "" : ",").append(lead(prefix + "-" + i, i));
			}
			body.append("]}");
			var created = send(HttpRequest.newBuilder(URI.create(base + "/api/campaigns"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())), 201);
			var id = created.get("id").asString();
			var last = Instant.EPOCH;
			while (true) {
				var view = send(HttpRequest.newBuilder(URI.create(base + "/api/campaigns/" + id)).GET(), 200);
				if (view.has("finishedAt")) {
					return view;
				}
				if (Duration.between(last, Instant.now()).toSeconds() >= 5) {
					log.info("bench-campaign: {} {}/{} done, {} per second", name, view.get("done").asLong(),
							view.get("total").asLong(), view.get("throughputPerSecond").asDouble());
					last = Instant.now();
				}
				Thread.sleep(1000); // as a dashboard polls; the campaign records its own start and end
			}
		}

		/** Items per model that wrote their draft. */
		Map<String, Integer> models(String id) throws Exception {
			var items = send(HttpRequest.newBuilder(URI.create(base + "/api/campaigns/" + id + "/export?format=json")).GET(),
					200);
			var byModel = new LinkedHashMap<String, Integer>();
			for (var item : items) {
				byModel.merge(item.path("model").isNull() ? "(none)" : item.path("model").asString(), 1, Integer::sum);
			}
			return byModel;
		}

		private JsonNode send(HttpRequest.Builder request, int expected) throws Exception {
			var response = http.send(request.header("X-API-Key", "demo-acme-marketer").build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expected) {
				throw new IllegalStateException(response.statusCode() + " from " + response.uri() + ": " + response.body());
			}
			return JsonMapper.shared().readTree(response.body());
		}

		private static String lead(String externalId, int n) {
			return """
					{"schemaVersion":2,"externalId":"%s","contact":{"firstName":"Alex","email":"%s@co%d.example",\
					"title":"%s","country":"US","language":"en"},"company":{"name":"Co%d Freight","industry":"%s",\
					"employees":%d,"salesRegion":"NA"},"crm":{"stage":"MQL"},"consent":{"status":"IMPLIED",\
					"source":"webinar","grantedAt":"2026-09-01"}}""".formatted(externalId,
					externalId.toLowerCase(Locale.ROOT), n, TITLES[n % TITLES.length], n, INDUSTRIES[n % INDUSTRIES.length],
					200 + n % 5000);
		}
	}

	private static String markdown(Map<String, Object> details) {
		return """
				# bench-campaign

				A campaign drafted through the service's own API against an OpenAI-compatible stub model that answers
				after a fixed latency (`eval/run bench-campaign`, see eval/README.md). Bound = concurrency ÷ model
				latency, or a configured rate limit if lower.

				| leads | model latency | concurrency | throughput /s | bound /s | ratio | campaign | cores | load avg |
				|---:|---:|---:|---:|---:|---:|---:|---:|---:|
				| %s | %s ms | %s | %s | %s | **%s** | %s s | %s | %s |

				CPU of the whole process per item: %s ms, so on these cores with nothing else running the service could
				draft at most %s items/s (cores × 1000 ÷ CPU ms per item).

				Items by state: `%s`; drafts by model: `%s`; model calls: %s. Warm-up first: %s campaigns, %s leads in all,
				the JIT compiler working %s of the last one's time; it worked %s ms during the timed campaign.
				""".formatted(details.get("leads"), details.get("model_latency_ms"), details.get("concurrency"),
				details.get("throughput_per_s"), details.get("bound_per_s"), details.get("ratio"),
				details.get("campaign_seconds"), details.get("cores"), details.get("load_average"),
				details.get("cpu_ms_per_item"), details.get("cpu_bound_per_s"), details.get("counts"),
				details.get("by_model"), details.get("model_calls"), details.get("warm_up_rounds"),
				details.get("warm_up_leads"), details.get("jit_share_of_last_warm_up_round"),
				details.get("jit_ms_during_timed"));
	}

	private static double round(double value, int digits) {
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}
}
