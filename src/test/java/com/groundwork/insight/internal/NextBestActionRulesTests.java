package com.groundwork.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** The rule table loads, and a mistake in it names the file, the rule and what is wrong. */
class NextBestActionRulesTests {

	@Test
	void theShippedTableEndsWithARuleThatAlwaysHolds() {
		var rules = NextBestActionRules.load(new ClassPathResource("insight/next-best-action.yaml")).rules();
		assertThat(rules).extracting(NextBestActionRules.Rule::action)
			.containsAnyElementsOf(NextBestActionRules.ACTIONS)
			.contains("intro", "follow-up", "case-study", "wait", "do-not-contact");
		assertThat(rules.getLast().when()).isNull();
		assertThat(rules.getFirst().when().outcome()).isEqualTo("unsubscribed");
	}

	@Test
	void mistakesStopStartUpNamingTheRule() {
		assertThatThrownBy(() -> load("""
				rules:
				  - id: a
				    action: call-them
				    reason: why
				""")).hasMessageContaining("rules[0].action").hasMessageContaining("'call-them'");
		assertThatThrownBy(() -> load("""
				rules:
				  - id: a
				    action: wait
				    when: { outcome: clicked }
				    reason: why
				""")).hasMessageContaining("rules[0].when").hasMessageContaining("clicked");
		assertThatThrownBy(() -> load("""
				rules:
				  - id: a
				    action: wait
				    when: { colour: red }
				    reason: why
				""")).hasMessageContaining("colour");
		assertThatThrownBy(() -> load("""
				rules:
				  - id: a
				    action: wait
				    reason: why
				  - id: a
				    action: intro
				    reason: why
				""")).hasMessageContaining("rules[1].id");
	}

	private static NextBestActionRules load(String yaml) {
		return NextBestActionRules.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return "test-rules.yaml";
			}
		});
	}
}
