package com.groundwork.lead.internal.scoring;

import com.groundwork.lead.LeadScore;
import com.groundwork.lead.LeadScore.Reason;
import com.groundwork.lead.internal.contract.LeadV2;
import com.groundwork.lead.internal.contract.Stage;
import com.groundwork.lead.internal.features.IntentSignals;
import com.groundwork.lead.internal.features.Phrases;
import com.groundwork.lead.internal.features.Seniority;
import com.groundwork.lead.internal.scoring.ScoringSettings.IdealCustomerProfile;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * An explainable lead score out of 100: fit with the tenant's ideal customer profile (industry 20, size 15, region
 * 10, title 10, seniority up to 10), engagement recency (up to 15), CRM stage (up to 10) and intent signals in the
 * notes (5 each, up to 10). Every factor gives its reason, also when it scores nothing. Deterministic: the same lead,
 * profile and day give the same score.
 */
@Component
public class LeadScorer {

	static final int INDUSTRY = 20;
	static final int COMPANY_SIZE = 15;
	static final int REGION = 10;
	static final int TITLE = 10;
	static final int INTENT_PER_SIGNAL = 5;
	static final int INTENT_MAX = 10;

	private final Seniority seniority;
	private final IntentSignals intentSignals;
	private final Map<String, Integer> seniorityPoints;
	private final Map<List<String>, Phrases> titlePhrases = new ConcurrentHashMap<>();

	LeadScorer(Seniority seniority, IntentSignals intentSignals, ScoringSettings settings) {
		this.seniority = seniority;
		this.intentSignals = intentSignals;
		this.seniorityPoints = Map.copyOf(settings.seniorityPoints());
	}

	public LeadScore score(LeadV2 lead, IdealCustomerProfile profile, LocalDate today) {
		var reasons = new ArrayList<Reason>();
		var company = lead.requireCompany();
		var contact = lead.requireContact();
		var crm = lead.crmOrEmpty();

		if (company.industry() == null) {
			reasons.add(new Reason("industry", 0, "industry unknown"));
		}
		else if (profile.industries().stream().anyMatch(company.industry()::equalsIgnoreCase)) {
			reasons.add(new Reason("industry", INDUSTRY, company.industry() + " is in the ideal customer profile"));
		}
		else {
			reasons.add(new Reason("industry", 0, company.industry() + " is not in the ideal customer profile"));
		}

		var range = String.format(Locale.ROOT, "%,d-%,d", profile.minEmployees(), profile.maxEmployees());
		if (company.employees() == null) {
			reasons.add(new Reason("company-size", 0, "head count unknown"));
		}
		else if (company.employees() >= profile.minEmployees() && company.employees() <= profile.maxEmployees()) {
			reasons.add(new Reason("company-size", COMPANY_SIZE,
					String.format(Locale.ROOT, "%,d employees is within the ideal %s", company.employees(), range)));
		}
		else {
			reasons.add(new Reason("company-size", 0,
					String.format(Locale.ROOT, "%,d employees is outside the ideal %s", company.employees(), range)));
		}

		if (company.salesRegion() == null) {
			reasons.add(new Reason("region", 0, "sales region unknown"));
		}
		else if (profile.regions().contains(company.salesRegion())) {
			reasons.add(new Reason("region", REGION, company.salesRegion() + " is a target region"));
		}
		else {
			reasons.add(new Reason("region", 0, company.salesRegion() + " is not a target region"));
		}

		if (contact.title() == null) {
			reasons.add(new Reason("title", 0, "job title unknown"));
		}
		else if (titlePhrases.computeIfAbsent(profile.titleKeywords(), Phrases::new).foundIn(contact.title())) {
			reasons.add(new Reason("title", TITLE, contact.title() + " owns the problem the product solves"));
		}
		else {
			reasons.add(new Reason("title", 0, contact.title() + " matches none of the ideal titles"));
		}

		seniority.of(contact.title()).ifPresent(level -> {
			int points = seniorityPoints.getOrDefault(level, 0);
			reasons.add(new Reason("seniority", points, level + (points > 0 ? " can decide or sponsor a purchase"
					: " is unlikely to decide a purchase")));
		});

		reasons.add(recency(crm.lastTouchAt(), today));
		reasons.add(stage(crm.stage()));

		var signals = intentSignals.in(crm.notes());
		if (signals.isEmpty()) {
			reasons.add(new Reason("intent", 0, "no buying signal in the CRM notes"));
		}
		else {
			reasons.add(new Reason("intent", Math.min(INTENT_MAX, INTENT_PER_SIGNAL * signals.size()),
					"CRM notes show " + String.join(", ", signals)));
		}

		int score = Math.min(100, reasons.stream().mapToInt(Reason::points).sum());
		return new LeadScore(score, reasons);
	}

	private static Reason recency(LocalDate lastTouch, LocalDate today) {
		if (lastTouch == null) {
			return new Reason("engagement", 0, "no recorded two-way contact");
		}
		long days = Math.max(0, ChronoUnit.DAYS.between(lastTouch, today));
		int points = days <= 14 ? 15 : days <= 30 ? 10 : days <= 90 ? 5 : 0;
		return new Reason("engagement", points, "last two-way contact " + days + (days == 1 ? " day" : " days") + " ago");
	}

	private static Reason stage(Stage stage) {
		if (stage == null) {
			return new Reason("stage", 0, "CRM stage unknown");
		}
		return switch (stage) {
			case SQL, OPPORTUNITY -> new Reason("stage", 10, stage + ": sales is already engaged");
			case MQL -> new Reason("stage", 5, "MQL: marketing qualified the lead");
			default -> new Reason("stage", 0, stage + " does not signal a buying process");
		};
	}
}
