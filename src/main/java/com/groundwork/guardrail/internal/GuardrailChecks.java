package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Recipient;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Verdict;
import com.groundwork.identity.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic pipeline: compliance, headers, length, tone, links, grounding, personal data and prompt injection,
 * each adding findings; the verdict follows from their severities. No I/O beyond the tenant suppression lookup.
 */
final class GuardrailChecks {

	private final GuardrailPolicies policies;
	private final ComplianceCheck compliance;
	private final InjectionScanner scanner;
	private final PiiDetector pii;
	private final List<Check> checks;
	private final java.util.concurrent.ConcurrentHashMap<String, Map<String, String>> personalData =
			new java.util.concurrent.ConcurrentHashMap<>();

	private static final int PERSONAL_DATA_MEMORY = 5000;

	GuardrailChecks(GuardrailPolicies policies, PiiDetector pii, InjectionDetector injection, TextNormalizer normalizer,
			BiPredicate<TenantId, String> tenantSuppressed) {
		this.policies = policies;
		this.compliance = new ComplianceCheck(tenantSuppressed, policies);
		this.scanner = new InjectionScanner(injection);
		this.pii = pii;
		this.checks = List.of(compliance, new HeaderCheck(), new LengthCheck(), new ToneCheck(normalizer),
				new LinkCheck(), new GroundingCheck(), new PiiCheck(pii), new InjectionCheck(scanner));
	}

	GuardrailPolicies policies() {
		return policies;
	}

	Verdict check(DraftCheck draft, @Nullable String tenantSlug, LocalDate today) {
		var context = new CheckContext(draft, policies.forTenant(tenantSlug), policies.consent(), today);
		var findings = new ArrayList<Finding>();
		for (var check : checks) {
			check.run(context, findings);
		}
		return Verdict.of(findings);
	}

	/** Instruction-like content in untrusted text, before it reaches a prompt (warnings naming what is flagged). */
	List<Finding> screen(TenantId tenant, @Nullable String tenantSlug, List<DraftCheck.Passage> passages,
			Map<String, String> untrustedInputs, LocalDate today) {
		var draft = new DraftCheck(tenant, null, "screen", "", List.of(), "", passages, Map.of(), untrustedInputs, null);
		var context = new CheckContext(draft, policies.forTenant(tenantSlug), policies.consent(), today);
		var findings = new ArrayList<Finding>();
		new InjectionCheck(scanner).run(context, findings);
		return findings.stream().filter(finding -> finding.ruleId().startsWith("injection.")).toList();
	}

	List<Finding> releaseChecks(TenantId tenant, @Nullable String tenantSlug, Recipient recipient, LocalDate today) {
		var policy = policies.forTenant(tenantSlug);
		var findings = new ArrayList<Finding>(ComplianceCheck.sender(policy));
		findings.addAll(compliance.recipient(tenant, recipient, policy, policies.consent(), today));
		return findings.stream().filter(finding -> finding.severity() == Severity.BLOCK).toList();
	}

	String policyVersion(@Nullable String tenantSlug) {
		return policies.forTenant(tenantSlug).version() + "; countries " + policies.consent().version();
	}

	/** Each personal-data entity replaced by {@code <TYPE>}. */
	String mask(String text) {
		return mask(text, type -> true);
	}

	/**
	 * What a log line keeps: where a request came from (client addresses rate limits and security audits need) and
	 * places on their own (a region or a city names nobody); everything that points at a person is masked.
	 */
	private static final java.util.Set<String> KEPT_IN_LOGS = java.util.Set.of("IP_ADDRESS", "LOCATION", "URL");

	String maskForLogs(String text) {
		return mask(text, type -> !KEPT_IN_LOGS.contains(type));
	}

	private String mask(String text, java.util.function.Predicate<String> masked) {
		List<PiiEntity> entities;
		try {
			entities = pii.detect(text);
		}
		catch (RuntimeException ex) {
			return "<text withheld: the personal-data detector failed>";
		}
		var out = new StringBuilder(text.length());
		int at = 0;
		var ignored = policies.forTenant(null).ignoredPiiTypes();
		for (var entity : entities) {
			if (entity.start() < at || entity.end() > text.length() || entity.end() <= entity.start()
					|| ignored.contains(entity.type()) || !masked.test(entity.type())) {
				continue;
			}
			out.append(text, at, entity.start()).append('<').append(entity.type()).append('>');
			at = entity.end();
		}
		return out.append(text, at, text.length()).toString();
	}

	/**
	 * The personal data of a text, value → type, in order, for reversible pseudonymization. Long texts (passages,
	 * which serve many drafts) are remembered: detection is linear but not free.
	 */
	Map<String, String> personalData(String text, @Nullable String tenantSlug) {
		if (text.length() < 200) {
			return detectPersonalData(text, tenantSlug);
		}
		var key = (tenantSlug == null ? "" : tenantSlug) + "\u0000" + text;
		var remembered = personalData.get(key);
		if (remembered == null) {
			remembered = java.util.Collections.unmodifiableMap(detectPersonalData(text, tenantSlug));
			if (personalData.size() >= PERSONAL_DATA_MEMORY) {
				personalData.clear(); // rare; tracking recency is not worth it
			}
			personalData.put(key, remembered);
		}
		return new java.util.LinkedHashMap<>(remembered);
	}

	private Map<String, String> detectPersonalData(String text, @Nullable String tenantSlug) {
		var policy = policies.forTenant(tenantSlug);
		var found = new java.util.LinkedHashMap<String, String>();
		List<PiiEntity> entities;
		try {
			entities = pii.detect(text);
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
		for (var entity : entities) {
			if (entity.score() >= policy.piiMinScore() && !policy.ignoredPiiTypes().contains(entity.type())
					&& entity.start() >= 0 && entity.end() <= text.length() && entity.end() > entity.start()) {
				var value = text.substring(entity.start(), entity.end());
				if (!value.isBlank()) {
					found.putIfAbsent(value, entity.type());
				}
			}
		}
		return found;
	}
}
