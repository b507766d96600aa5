package com.groundwork.lead.internal.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.lead.LeadScore;
import com.groundwork.lead.LeadScore.Reason;
import com.groundwork.lead.internal.contract.Company;
import com.groundwork.lead.internal.contract.Consent;
import com.groundwork.lead.internal.contract.ConsentStatus;
import com.groundwork.lead.internal.contract.Contact;
import com.groundwork.lead.internal.contract.Crm;
import com.groundwork.lead.internal.contract.LeadV2;
import com.groundwork.lead.internal.contract.SalesRegion;
import com.groundwork.lead.internal.contract.Stage;
import com.groundwork.lead.internal.features.FeatureSettings;
import com.groundwork.lead.internal.features.FeatureSettings.SeniorityLevel;
import com.groundwork.lead.internal.features.IntentSignals;
import com.groundwork.lead.internal.features.Seniority;
import com.groundwork.lead.internal.scoring.ScoringSettings.IdealCustomerProfile;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lead score: interpretable points with a reason per factor, the same for the same lead, profile and day. */
class LeadScorerTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

	static final IdealCustomerProfile PROFILE = new IdealCustomerProfile(List.of("logistics", "manufacturing"), 200,
			20_000, List.of(SalesRegion.NA, SalesRegion.EMEA), List.of("operations", "supply chain"));

	final LeadScorer scorer;

	LeadScorerTests() {
		var features = new FeatureSettings("unused",
				List.of(new SeniorityLevel("executive", List.of("chief", "coo")), new SeniorityLevel("vp", List.of("vp")),
						new SeniorityLevel("director", List.of("director", "head of")),
						new SeniorityLevel("manager", List.of("manager"))),
				Map.of("security-review", List.of("soc 2", "security review"), "pricing", List.of("pricing", "quote"),
						"evaluation", List.of("demo", "pilot")));
		scorer = new LeadScorer(new Seniority(features), new IntentSignals(features),
				new ScoringSettings(Map.of(), Map.of("executive", 10, "vp", 10, "director", 7, "manager", 4)));
	}

	static LeadV2 lead(String industry, Integer employees, SalesRegion region, String title, Stage stage, String notes,
			LocalDate lastTouch) {
		return new LeadV2(2, "L-1", new Contact("Dana", "Reyes", "dana@northwind.example", title, "US", "en"),
				new Company("Northwind Logistics", "northwind.example", industry, employees, region, null),
				new Crm(stage, null, notes, lastTouch), new Consent(ConsentStatus.IMPLIED, null, "webinar", TODAY, null));
	}

	@Test
	void aLeadThatFitsScoresHighWithAReasonPerFactor() {
		var score = scorer.score(lead("logistics", 1200, SalesRegion.NA, "VP Operations", Stage.MQL,
				"Asked about SOC 2 at the webinar", TODAY.minusDays(10)), PROFILE, TODAY);

		assertThat(score.reasons()).containsExactly(
				new Reason("industry", 20, "logistics is in the ideal customer profile"),
				new Reason("company-size", 15, "1,200 employees is within the ideal 200-20,000"),
				new Reason("region", 10, "NA is a target region"),
				new Reason("title", 10, "VP Operations owns the problem the product solves"),
				new Reason("seniority", 10, "vp can decide or sponsor a purchase"),
				new Reason("engagement", 15, "last two-way contact 10 days ago"),
				new Reason("stage", 5, "MQL: marketing qualified the lead"),
				new Reason("intent", 5, "CRM notes show security-review"));
		assertThat(score.score()).isEqualTo(90);
	}

	@Test
	void aLeadThatFitsNothingScoresZeroAndSaysWhy() {
		var score = scorer.score(lead("education", 20, SalesRegion.LATAM, "Student", Stage.SUBSCRIBER, null, null),
				PROFILE, TODAY);

		assertThat(score.score()).isZero();
		assertThat(score.reasons()).allSatisfy(reason -> assertThat(reason.points()).isZero());
		assertThat(score.reasons()).extracting(Reason::why)
			.contains("education is not in the ideal customer profile", "20 employees is outside the ideal 200-20,000",
					"LATAM is not a target region", "Student matches none of the ideal titles",
					"individual-contributor is unlikely to decide a purchase", "no recorded two-way contact",
					"SUBSCRIBER does not signal a buying process", "no buying signal in the CRM notes");
	}

	@Test
	void unknownFieldsScoreNothingAndAreNamed() {
		var score = scorer.score(lead(null, null, null, null, null, null, null), PROFILE, TODAY);
		assertThat(score.score()).isZero();
		assertThat(score.reasons()).extracting(Reason::factor)
			.containsExactly("industry", "company-size", "region", "title", "engagement", "stage", "intent");
	}

	@Test
	void engagementFadesWithTime() {
		assertThat(engagement(14)).isEqualTo(15);
		assertThat(engagement(15)).isEqualTo(10);
		assertThat(engagement(30)).isEqualTo(10);
		assertThat(engagement(90)).isEqualTo(5);
		assertThat(engagement(91)).isZero();
	}

	@Test
	void intentIsCappedAndTheTotalNeverPassesOneHundred() {
		var score = scorer.score(lead("logistics", 1200, SalesRegion.EMEA, "Chief Operations Officer", Stage.OPPORTUNITY,
				"SOC 2 review done, pricing quote sent, pilot next week", TODAY), PROFILE, TODAY);
		assertThat(score.reasons()).filteredOn(reason -> reason.factor().equals("intent"))
			.singleElement()
			.satisfies(reason -> {
				assertThat(reason.points()).isEqualTo(10);
				assertThat(reason.why()).isEqualTo("CRM notes show evaluation, pricing, security-review");
			});
		assertThat(score.score()).isEqualTo(100);
	}

	@Test
	void theSameInputGivesTheSameScore() {
		LeadV2 lead = lead("manufacturing", 5000, SalesRegion.EMEA, "Head of Supply Chain", Stage.SQL, "wants a demo",
				TODAY.minusDays(40));
		LeadScore first = scorer.score(lead, PROFILE, TODAY);
		assertThat(scorer.score(lead, PROFILE, TODAY)).isEqualTo(first);
		assertThat(first.score()).isEqualTo(20 + 15 + 10 + 10 + 7 + 5 + 10 + 5);
	}

	private int engagement(int daysAgo) {
		return scorer.score(lead("logistics", 1200, SalesRegion.NA, "VP Operations", Stage.MQL, null,
				TODAY.minusDays(daysAgo)), PROFILE, TODAY)
			.reasons()
			.stream()
			.filter(reason -> reason.factor().equals("engagement"))
			.findFirst()
			.orElseThrow()
			.points();
	}
}
