package com.groundwork.drafting.internal;

import com.groundwork.drafting.DraftEvaluation;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import com.groundwork.knowledge.KnowledgeIngestion;
import com.groundwork.knowledge.SourceDocument;
import com.groundwork.lead.LeadFeatures;
import com.groundwork.lead.LeadIntake;
import com.groundwork.search.PassageSearch;
import com.groundwork.search.SearchFilters;
import com.groundwork.search.SearchQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.stereotype.Service;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/** Golden cases and the sidebar overhead benchmark, each on a pipeline of its own (no cache, chosen tiers). */
@Service
class DraftEvaluationService implements DraftEvaluation {

	private static final Pattern NUMBER = Pattern.compile("\\d[\\d.,]*\\d%?|\\d%?");

	private static final Pattern NAME = Pattern.compile("(?<=[\\s(])\\p{Lu}[\\p{L}&'-]+");

	private final LeadFeatures leadFeatures;
	private final LeadIntake leadIntake;
	private final PassageSearch search;
	private final KnowledgeIngestion ingestion;
	private final Tenants tenants;
	private final JsonMapper mapper;
	private final Guardrails guardrails;
	private final RepairPrompt repairPrompt;
	private final EvidencePlanner planner;
	private final com.groundwork.knowledge.KnowledgeChunks chunks;
	private final DraftPipelines pipelines;
	private final PromptRegistry registry;

	DraftEvaluationService(LeadFeatures leadFeatures, LeadIntake leadIntake, PassageSearch search,
			KnowledgeIngestion ingestion, Tenants tenants, JsonMapper mapper, Guardrails guardrails,
			RepairPrompt repairPrompt, EvidencePlanner planner, com.groundwork.knowledge.KnowledgeChunks chunks,
			DraftPipelines pipelines, PromptRegistry registry) {
		this.registry = registry;
		this.leadFeatures = leadFeatures;
		this.leadIntake = leadIntake;
		this.search = search;
		this.ingestion = ingestion;
		this.tenants = tenants;
		this.mapper = mapper;
		this.guardrails = guardrails;
		this.repairPrompt = repairPrompt;
		this.planner = planner;
		this.chunks = chunks;
		this.pipelines = pipelines;
	}

	@Override
	public String goldenCases(TenantId tenant, Path casesDir, Path knowledge, PrintStream progress) {
		var cases = readCases(casesDir);
		var documents = new LinkedHashSet<String>();
		cases.forEach(golden -> documents.addAll(golden.documents()));
		if (cases.stream().anyMatch(golden -> golden.documents().isEmpty())) {
			documents.addAll(markdownDocuments(knowledge));
		}
		ingest(tenant, knowledge, documents, progress);
		var pipeline = pipeline(Map.of("offline", pipelines.offline()));
		var phraseWords = phraseWords();
		var slug = slugOf(tenant);
		int passed = 0;
		var verdicts = new java.util.TreeMap<String, Integer>();
		int factual = 0;
		int grounded = 0;
		for (var golden : cases) {
			var externalId = golden.lead() instanceof Map<?, ?> contract
					? leadIntake.accept(tenant, mapper.valueToTree(contract)) : String.valueOf(golden.lead());
			var draft = pipeline.generate(new GenerationRequest(tenant, slug, "eval", externalId,
					Angle.of(golden.angle()).orElseThrow(() -> new IllegalArgumentException(golden.id() + ": angle")),
					Tone.of(golden.tone()).orElseThrow(() -> new IllegalArgumentException(golden.id() + ": tone")),
					GenerationRequest.Channel.CAMPAIGN));
			var failures = check(golden, draft);
			var snapshot = leadFeatures.findSnapshot(tenant,
					UUID.fromString(draft.provenance().featureSnapshot().substring(0, 36))).orElseThrow();
			var leadText = String.join(" ", snapshot.minimized().values().stream().map(value -> value.value()).toList());
			var sentences = draft.content().sentences();
			for (int i = 1; i < sentences.size(); i++) {
				var claims = claims(sentences.get(i).text());
				claims.removeIf(phraseWords::contains); // the prompt's own reviewed wording states no fact
				if (claims.isEmpty() && sentences.get(i).citations().isEmpty()) {
					continue;
				}
				factual++;
				var evidence = leadText + " " + String.join(" ",
						sentences.get(i).citations().stream().map(citation -> citation.snippet()).toList());
				if (claims.stream().allMatch(claim -> evidence.contains(claim))) {
					grounded++;
				}
				else {
					failures.add("sentence " + i + " has claims not in its passages: " + claims + " (sentence: " + sentences.get(i).text() + "; excerpts: " + sentences.get(i).citations().stream().map(citation -> citation.snippet()).toList() + ")");
				}
			}
			var verdict = guardrails.verdictOf(tenant, draft.id())
				.map(recorded -> recorded.verdict().name() + " " + recorded.verdict()
					.findings()
					.stream()
					.filter(finding -> finding.severity().compareTo(com.groundwork.guardrail.Severity.REPAIR) >= 0)
					.map(com.groundwork.guardrail.Finding::ruleId)
					.distinct()
					.toList())
				.orElse("NONE");
			verdicts.merge(verdict.replaceAll(" .*", ""), 1, Integer::sum);
			if (failures.isEmpty()) {
				passed++;
				progress.println("PASS " + golden.id() + " (verdict " + verdict + ")");
			}
			else {
				progress.println("FAIL " + golden.id() + ": " + String.join("; ", failures) + " (verdict " + verdict + ")");
			}
		}
		double groundedness = factual == 0 ? 0 : (double) grounded / factual;
		var verdictCounts = verdicts.entrySet()
			.stream()
			.map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
			.collect(java.util.stream.Collectors.joining(","));
		return "{\"cases\":" + cases.size() + ",\"passed\":" + passed + ",\"groundedness\":"
				+ String.format(Locale.ROOT, "%.3f", groundedness) + ",\"verdicts\":{" + verdictCounts + "}}";
	}

	@Override
	public String draftQuality(TenantId tenant, Path knowledge, Path leads, Path report, PrintStream progress) {
		var cases = DraftQualityEvaluation.read(leads, mapper);
		var documents = new LinkedHashSet<>(allDocuments(knowledge));
		var ids = ingest(tenant, knowledge, documents, progress);
		var evaluation = new DraftQualityEvaluation(leadIntake, chunks, mapper, pipelines.languages().words());
		var pipeline = pipeline(Map.of("offline", pipelines.offline()));
		var slug = slugOf(tenant);
		try {
			return evaluation.run(tenant, cases, DraftQualityEvaluation.metadataOf(chunks, tenant, ids),
					(externalId, item) -> pipeline.generate(new GenerationRequest(tenant, slug, "eval", externalId,
							Angle.of(item.angle()).orElseThrow(() -> new IllegalArgumentException(
									"angle '" + item.angle() + "' is not one of " + Angle.slugs())),
							Tone.of(item.tone()).orElseThrow(() -> new IllegalArgumentException("tone '" + item.tone() + "'")),
							GenerationRequest.Channel.CAMPAIGN)),
					report, progress);
		}
		finally {
			pipeline.close();
		}
	}

	/** Every document below the folder (any format Tika reads), README files left out. */
	private static List<String> allDocuments(Path knowledge) {
		try (Stream<Path> walk = Files.walk(knowledge)) {
			return walk.filter(Files::isRegularFile)
				.filter(path -> !path.getFileName().toString().equalsIgnoreCase("README.md")
						&& !path.getFileName().toString().startsWith("."))
				.map(path -> knowledge.relativize(path).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String benchSidebarDrafts(TenantId tenant, int count, PrintStream progress) {
		var slug = slugOf(tenant);
		var zeroLatency = new ModelDrafter("bench", 1, DraftingSettings.Tier.inProcess("zero-latency"),
				new InstantModel(mapper), mapper, guardrails, repairPrompt);
		var pipeline = pipeline(Map.of("offline", pipelines.offline(), "small", zeroLatency));
		var leads = List.of("L-1001", "L-1003", "L-1007", "L-1010", "L-1012", "L-1013", "L-1014", "L-1017", "L-1018",
				"L-1020");
		var angles = Angle.values();
		int warmUp = Math.min(30, count);
		long[] millis = new long[count];
		for (int i = -warmUp; i < count; i++) {
			var lead = leads.get(Math.floorMod(i, leads.size()));
			var angle = angles[Math.floorMod(i, angles.length)];
			long started = System.nanoTime();
			var draft = pipeline.generate(new GenerationRequest(tenant, slug, "bench", lead, angle, Tone.FRIENDLY,
					GenerationRequest.Channel.SIDEBAR));
			long elapsed = System.nanoTime() - started;
			if (draft.provenance().tier() != 1) {
				throw new IllegalStateException("The benchmark draft was not written by the zero-latency model: "
						+ draft.failureReason() + " " + draft.provenance().attempts());
			}
			if (i >= 0) {
				millis[i] = elapsed;
				if ((i + 1) % 50 == 0) {
					progress.println("bench-draft: " + (i + 1) + "/" + count);
				}
			}
		}
		pipeline.close();
		Arrays.sort(millis);
		return "{\"drafts\":" + count + ",\"p50_ms\":" + ms(percentile(millis, 0.50)) + ",\"p99_ms\":"
				+ ms(percentile(millis, 0.99)) + "}";
	}

	private DraftPipeline pipeline(Map<String, Drafter> drafters) {
		return pipelines.forEvaluation(planner, drafters);
	}

	/** Answers at once: the greeting and one sentence citing P1, as structured output. */
	private record InstantModel(JsonMapper mapper) implements ChatModel {

		@Override
		public ChatResponse call(org.springframework.ai.chat.prompt.Prompt prompt) {
			var content = """
					{"subject":"A quick idea","sentences":[{"text":"Hi [[FIRST_NAME]],","passages":[]},
					{"text":"Teams like yours use our platform to plan their docks.","passages":["P1"]}],
					"callToAction":"Worth a short call?"}""";
			return new ChatResponse(List.of(new Generation(new AssistantMessage(content))),
					ChatResponseMetadata.builder().model("zero-latency").usage(new DefaultUsage(0, 0)).build());
		}
	}

	private static long percentile(long[] sorted, double share) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(share * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static String ms(long nanos) {
		return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
	}

	private String slugOf(TenantId tenant) {
		return tenants.slugOf(tenant).orElseThrow();
	}

	/** One golden case. */
	record GoldenCase(String id, Object lead, String angle, String tone, List<String> documents,
			List<String> mustCite, List<String> mustNotMention, String outcome, int minCitedSentences) {
	}

	@SuppressWarnings("unchecked")
	private static List<GoldenCase> readCases(Path directory) {
		List<Path> files;
		try (Stream<Path> list = Files.list(directory)) {
			files = list.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var cases = new ArrayList<GoldenCase>();
		for (var file : files) {
			Map<String, Object> yaml;
			try {
				yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			var expect = (Map<String, Object>) yaml.getOrDefault("expect", Map.of());
			cases.add(new GoldenCase(String.valueOf(yaml.getOrDefault("id", file.getFileName().toString())),
					yaml.get("lead"), String.valueOf(yaml.get("angle")), String.valueOf(yaml.getOrDefault("tone", "friendly")),
					(List<String>) yaml.getOrDefault("documents", List.of()),
					(List<String>) expect.getOrDefault("mustCite", List.of()),
					(List<String>) expect.getOrDefault("mustNotMention", List.of()),
					String.valueOf(expect.getOrDefault("outcome", "generated")),
					((Number) expect.getOrDefault("minCitedSentences", 1)).intValue()));
		}
		return cases;
	}

	private static List<String> check(GoldenCase golden, Draft draft) {
		var failures = new ArrayList<String>();
		if (!draft.status().name().equalsIgnoreCase(golden.outcome())) {
			failures.add("status " + draft.status() + " (" + draft.failureReason() + "), expected " + golden.outcome());
			return failures;
		}
		var text = (draft.subject() + "\n" + draft.body()).toLowerCase(Locale.ROOT);
		for (var banned : golden.mustNotMention()) {
			if (text.contains(banned.toLowerCase(Locale.ROOT))) {
				failures.add("mentions '" + banned + "'");
			}
		}
		var titles = draft.content().sentences().stream()
			.flatMap(sentence -> sentence.citations().stream())
			.map(citation -> citation.documentTitle().toLowerCase(Locale.ROOT))
			.toList();
		for (var cite : golden.mustCite()) {
			if (titles.stream().noneMatch(title -> title.contains(cite.toLowerCase(Locale.ROOT)))) {
				failures.add("cites no document titled like '" + cite + "' (cited: " + titles + ")");
			}
		}
		long cited = draft.content().sentences().stream().filter(sentence -> !sentence.citations().isEmpty()).count();
		if (cited < golden.minCitedSentences()) {
			failures.add(cited + " cited sentences, expected at least " + golden.minCitedSentences());
		}
		return failures;
	}

	/** Numbers and capitalized names in a sentence (not its first word): what must be backed by evidence. */
	/** The words of every prompt's tier-0 phrases and of the industry labels, in every language. */
	private java.util.Set<String> phraseWords() {
		var text = new StringBuilder();
		registry.all().forEach(prompt -> prompt.phrases().values().forEach(phrases -> phrases.values()
			.forEach(options -> options.forEach(option -> text.append(' ').append(option)))));
		pipelines.languages().words().values().forEach(words -> words.industries().values().forEach(label -> text.append(' ').append(label)));
		var words = new java.util.HashSet<String>();
		NAME.matcher(" " + text.toString().replaceAll("\\{[a-z_]+}", " ")).results().forEach(match -> words.add(match.group()));
		return words;
	}

	static List<String> claims(String sentence) {
		var claims = new ArrayList<String>();
		NUMBER.matcher(sentence).results().forEach(match -> claims.add(match.group()));
		NAME.matcher(sentence).results().forEach(match -> claims.add(match.group().replaceAll("('s|’s)$", "").replaceAll("['-]+$", "")));
		return claims;
	}

	/** Every Markdown document of the knowledge folder: the default corpus of a case that names none. */
	private static List<String> markdownDocuments(Path knowledge) {
		try (Stream<Path> walk = Files.walk(knowledge)) {
			return walk.filter(path -> path.toString().endsWith(".md") && !path.getFileName().toString().equals("README.md"))
				.map(path -> knowledge.relativize(path).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<UUID> ingest(TenantId tenant, Path knowledge, LinkedHashSet<String> documents, PrintStream progress) {
		var waiting = new LinkedHashMap<UUID, String>();
		var ingested = new ArrayList<UUID>();
		for (var document : documents) {
			try {
				var outcome = ingestion.ingest(tenant, new SourceDocument(document,
						Files.readAllBytes(knowledge.resolve(document))));
				waiting.put(outcome.documentId(), document);
				ingested.add(outcome.documentId());
				progress.println("knowledge: " + document + " " + outcome.status() + " (" + outcome.chunks() + " passages)");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		// The search index follows the knowledge module's events: wait until each document can be found.
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (!waiting.isEmpty() && System.nanoTime() < deadline) {
			waiting.entrySet().removeIf(entry -> {
				var query = entry.getValue().replaceAll(".*/", "").replaceAll("\\.[a-z]+$", "").replace('-', ' ');
				return search.search(new SearchQuery(tenant, query, 50, SearchFilters.NONE, false))
					.stream()
					.anyMatch(passage -> passage.documentId().equals(entry.getKey()));
			});
			if (!waiting.isEmpty()) {
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
		if (!waiting.isEmpty()) {
			throw new IllegalStateException("Not searchable after 3 minutes: " + waiting.values());
		}
		return ingested;
	}
}
