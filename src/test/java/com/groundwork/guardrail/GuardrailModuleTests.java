package com.groundwork.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.identity.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/**
 * The guardrail module on its own (with what it depends on): a recorded verdict is stored, readable and announced by
 * {@link DraftChecked} in the recording transaction.
 */
@SpringBootTest
@EnableScenarios
class GuardrailModuleTests {

	@Autowired
	Guardrails guardrails;

	@Autowired
	Tenants tenants;

	@Test
	void aRecordedVerdictIsStoredAndPublished(Scenario scenario) {
		var acme = tenants.all().stream().filter(tenant -> tenant.slug().equals("acme")).findFirst().orElseThrow().id();
		var draftId = UUID.randomUUID();
		var check = new DraftCheck(acme, draftId, "api", "Hello", List.of(new DraftCheck.Sentence("Hi Dana,", List.of())),
				"", List.of(), Map.of("contact.first-name", "Dana"), Map.of(), null);
		var verdict = guardrails.check(check);

		scenario.stimulate(() -> guardrails.record(check, verdict, 0))
			.andWaitForEventOfType(DraftChecked.class)
			.matching(event -> event.draftId().equals(draftId))
			.toArriveAndVerify(event -> {
				assertThat(event.verdict()).isEqualTo(verdict.name());
				assertThat(event.findings()).isEqualTo(verdict.findings().size());
			});
		assertThat(guardrails.verdictOf(acme, draftId)).hasValueSatisfying(recorded -> {
			assertThat(recorded.verdict().name()).isEqualTo(verdict.name());
			assertThat(recorded.policyVersion()).contains("+acme@");
		});
	}
}
