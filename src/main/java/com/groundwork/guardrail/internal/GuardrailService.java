package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.DraftCheck;
import com.groundwork.guardrail.DraftChecked;
import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Guardrails;
import com.groundwork.guardrail.Recipient;
import com.groundwork.guardrail.Verdict;
import com.groundwork.identity.TenantId;
import com.groundwork.identity.Tenants;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Guardrails}: runs the tenant's policy over a draft ({@link GuardrailChecks}), records verdicts and publishes
 * {@link DraftChecked} in the caller's transaction.
 */
@Service
class GuardrailService implements Guardrails {

	private final GuardrailChecks checks;
	private final VerdictRepository verdicts;
	private final Tenants tenants;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	GuardrailService(GuardrailChecks checks, VerdictRepository verdicts, Tenants tenants,
			ApplicationEventPublisher events, Clock clock) {
		this.checks = checks;
		this.verdicts = verdicts;
		this.tenants = tenants;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public Verdict check(DraftCheck check) {
		return checks.check(check, slugOf(check.tenant()), today());
	}

	@Override
	@Transactional
	public void forget(TenantId tenant, java.util.Collection<UUID> draftIds) {
		verdicts.delete(tenant, draftIds);
	}

	@Override
	public RecordedVerdict record(DraftCheck check, Verdict verdict, int repairs) {
		var draftId = check.draftId();
		if (draftId == null) {
			throw new IllegalArgumentException("only a stored draft's verdict is recorded: the check needs its draftId");
		}
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var policyVersion = checks.policyVersion(slugOf(check.tenant()));
		verdicts.insert(check.tenant(), draftId, verdict, repairs, policyVersion, check, now);
		var ruleIds = new LinkedHashSet<String>();
		verdict.findings().forEach(finding -> ruleIds.add(finding.ruleId()));
		events.publishEvent(new DraftChecked(check.tenant(), draftId, verdict.name(), verdict.findings().size(),
				List.copyOf(ruleIds), repairs, now));
		return new RecordedVerdict(draftId, verdict, repairs, policyVersion, now);
	}

	@Override
	public Verdict recheck(TenantId tenant, UUID draftId, String subject, String body) {
		return recheck(tenant, draftId, subject, body, "");
	}

	@Override
	public Set<String> spamTriggers(TenantId tenant, String language) {
		return Set.copyOf(checks.policies().forTenant(slugOf(tenant)).spamTriggers(language.strip().toLowerCase(java.util.Locale.ROOT)));
	}

	@Override
	public Verdict recheck(TenantId tenant, UUID draftId, String subject, String body, String language) {
		var stored = verdicts.latest(tenant, draftId)
			.orElseThrow(() -> new NoSuchElementException("draft " + draftId + " has no recorded guardrail check"));
		var context = stored.context();
		var cited = new LinkedHashSet<String>();
		context.sentences().forEach(sentence -> cited.addAll(sentence.citations()));
		var sentences = new ArrayList<DraftCheck.Sentence>();
		for (var text : Texts.sentences(body)) {
			sentences.add(new DraftCheck.Sentence(text, List.copyOf(cited)));
		}
		return check(new DraftCheck(tenant, draftId, context.channel(), subject, sentences, "", context.passages(),
				context.leadFacts(), context.untrustedInputs(), context.recipient(),
				language.isBlank() ? context.language() : language));
	}

	@Override
	public Optional<RecordedVerdict> verdictOf(TenantId tenant, UUID draftId) {
		return verdicts.latest(tenant, draftId).map(VerdictRepository.Stored::verdict);
	}

	@Override
	public List<Finding> releaseChecks(TenantId tenant, Recipient recipient) {
		return checks.releaseChecks(tenant, slugOf(tenant), recipient, today());
	}

	@Override
	public String mask(String text) {
		return checks.mask(text);
	}

	@Override
	public String maskForLogs(String text) {
		return checks.maskForLogs(text);
	}

	@Override
	public List<Finding> screen(TenantId tenant, List<DraftCheck.Passage> passages, Map<String, String> untrustedInputs) {
		return checks.screen(tenant, slugOf(tenant), passages, untrustedInputs, today());
	}

	@Override
	public Optional<Sender> senderOf(TenantId tenant) {
		var policy = checks.policies().forTenant(slugOf(tenant));
		var sender = policy.sender();
		if (sender == null || sender.name() == null || sender.email() == null || sender.postalAddress() == null) {
			return Optional.empty();
		}
		return Optional.of(new Sender(sender.name(), sender.email(), sender.postalAddress(), policy.unsubscribeUrl()));
	}

	@Override
	public Map<String, String> personalData(TenantId tenant, String text) {
		return checks.personalData(text, slugOf(tenant));
	}

	/** The tenant's slug, which names its policy file; null for a tenant not (yet) known. */
	@Nullable String slugOf(TenantId tenant) {
		return tenants.slugOf(tenant).orElse(null);
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
	}
}
