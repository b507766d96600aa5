package com.groundwork.insight.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings given to an evaluation's application: the command line overrides a command's defaults. */
class EvalContextTests {

	@Test
	void aLaterSettingOfAPropertyReplacesTheEarlierOne() {
		var merged = EvalContext.lastWins(List.of("server.port=0", "groundwork.campaign.max-in-flight=32",
				"spring.datasource.url=jdbc:h2:mem:x;MODE=PostgreSQL", "groundwork.campaign.max-in-flight=40"));

		// Spring would have bound "32,40" and failed to start
		assertThat(merged).containsExactly("server.port=0", "spring.datasource.url=jdbc:h2:mem:x;MODE=PostgreSQL",
				"groundwork.campaign.max-in-flight=40");
	}
}
