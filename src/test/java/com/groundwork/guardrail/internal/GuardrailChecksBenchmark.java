package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Recipient;
import com.groundwork.guardrail.Verdict;
import com.groundwork.identity.TenantId;
import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The guardrails' deterministic checks on one realistic draft (six knowledge passages of the sample corpus, a cited
 * body, CRM notes and lead fields, a US recipient): what every draft pays before it can reach a reviewer. Run by
 * {@code eval/run bench-guardrails} ({@link GuardrailBenchmarks}); sample time, so that percentiles are reported.
 * <ul>
 * <li>{@code draftChecks}: all checks as drafting runs them; the injection scans of passages come from the
 * detector's cache after the first draft, as they do when drafts reuse passages.</li>
 * <li>{@code draftChecksUnseenPassages}: the same with every passage scanned afresh (the worst case: passages never
 * seen before).</li>
 * <li>{@code piiOnDraft}, {@code injectionOnPassage}: the two detectors alone; {@code piiOnDraft} is the combined
 * personal-data detector (patterns, context rules and the learned name finder).</li>
 * <li>{@code piiPatternsOnDraft}, {@code piiRulesOnDraft}, {@code piiNamesOnDraft}: its three parts alone.</li>
 * <li>{@code piiOnDraftAndNotes}: the combined detector on the draft and the lead's untrusted inputs (CRM notes), as
 * the pii check and the masking before a model call see them.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g" })
public class GuardrailChecksBenchmark {

	static final TenantId ACME = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));

	static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

	static final List<String> DOCUMENTS = List.of("case-studies/brightwater-freight.md",
			"case-studies/andes-fresh-exports.md", "products/orderflow.md", "products/dockpilot.md",
			"security/security-compliance-faq.md", "pricing/pricing-and-packaging.md");

	GuardrailChecks cached;

	GuardrailChecks unseen;

	CombinedPiiDetector pii;

	PatternPiiDetector patterns;

	LearnedNameFinder names;

	String draftText;

	String draftAndNotes;

	PatternInjectionDetector injection;

	DraftCheck draft;

	String passage;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		var policies = GuardrailPolicies.load(Path.of("guardrails"), Validation.buildDefaultValidatorFactory().getValidator());
		var normalizer = new UnicodeTextNormalizer();
		pii = CombinedPiiDetector.withModel(Path.of("guardrails"), Path.of("knowledge"));
		patterns = new PatternPiiDetector();
		names = LearnedNameFinder.load(Path.of("guardrails/models/pii-names.bin"));
		injection = new PatternInjectionDetector(normalizer, InjectionPatterns.load(Path.of("guardrails/injection-patterns.yaml")));
		cached = new GuardrailChecks(policies, pii, injection, normalizer, (tenant, email) -> false);
		InjectionDetector fresh = text -> injection.scan(text, false);
		unseen = new GuardrailChecks(policies, pii, fresh, normalizer, (tenant, email) -> false);
		draft = draft();
		passage = draft.passages().getFirst().text();
		draftText = draft.subject() + "\n" + draft.body() + "\n" + draft.callToAction();
		draftAndNotes = draftText + "\n" + String.join("\n", draft.untrustedInputs().values());
	}

	/** Six passages of about 1,200 characters from the sample corpus and a five-sentence body quoting the first two. */
	static DraftCheck draft() throws IOException {
		var passages = new ArrayList<DraftCheck.Passage>();
		for (var document : DOCUMENTS) {
			var text = Files.readString(Path.of("knowledge").resolve(document)).replaceFirst("(?s)^---.*?\n---\n", "").strip();
			passages.add(new DraftCheck.Passage(UUID.nameUUIDFromBytes(document.getBytes()).toString(), document,
					text.substring(0, Math.min(1200, text.length()))));
		}
		var first = passages.get(0);
		var second = passages.get(1);
		var sentences = List.of(new DraftCheck.Sentence("Hi Dana,", List.of()),
				new DraftCheck.Sentence("Teams in logistics similar to Northwind Logistics have seen results like these.", List.of()),
				new DraftCheck.Sentence(sentenceOf(first.text()), List.of(first.id())),
				new DraftCheck.Sentence(sentenceOf(second.text()), List.of(second.id())),
				new DraftCheck.Sentence("Both rolled out in a few weeks with their existing carriers.", List.of()));
		return new DraftCheck(ACME, null, "api", "An idea for the logistics team at Northwind Logistics", sentences,
				"Open to a 20-minute call to see whether Northwind Logistics could get a similar result?", passages,
				Map.of("contact.first-name", "Dana", "company.name", "Northwind Logistics", "company.industry",
						"logistics", "contact.title", "VP Operations"),
				Map.of("crm.notes", "Met at the Chicago supply chain summit. Asked about dock scheduling for 11 DCs and "
						+ "whether we integrate with SAP EWM; call back after Q3 planning. Prefers e-mail, no calls before 10am.",
						"contact.title", "VP Operations", "company.name", "Northwind Logistics"),
				new Recipient("dana@northwind.example", "US", "IMPLIED", "webinar", "webinar", LocalDate.of(2026, 10, 1)));
	}

	/** The passage's first sentence of some length: a quote the grounding check accepts. */
	static String sentenceOf(String text) {
		for (var line : text.split("\n")) {
			var plain = line.replaceAll("[#*|>`-]", " ").replaceAll("\\s+", " ").strip();
			if (plain.length() > 40 && plain.length() < 200) {
				return plain.endsWith(".") ? plain : plain + ".";
			}
		}
		return "Acme customers report results like these.";
	}

	@Benchmark
	public Verdict draftChecks() {
		return cached.check(draft, "acme", TODAY);
	}

	@Benchmark
	public Verdict draftChecksUnseenPassages() {
		return unseen.check(draft, "acme", TODAY);
	}

	@Benchmark
	public Object piiOnDraft() {
		return pii.detect(draftText);
	}

	@Benchmark
	public Object piiPatternsOnDraft() {
		return patterns.detect(draftText);
	}

	@Benchmark
	public Object piiRulesOnDraft() {
		var found = new ArrayList<PiiEntity>();
		PiiContextRules.detect(draftText, found);
		return found;
	}

	@Benchmark
	public Object piiNamesOnDraft() {
		return names.find(draftText);
	}

	@Benchmark
	public Object piiOnDraftAndNotes() {
		return pii.detect(draftAndNotes);
	}

	@Benchmark
	public Object injectionOnPassage() {
		return injection.scan(passage, false);
	}
}
