package com.groundwork.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.groundwork.GroundworkApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The knowledge module uses only the public API of other modules, and nothing outside reaches into its internals. */
class KnowledgeModuleTests {

	@Test
	void respectsModuleBoundaries() {
		var modules = ApplicationModules.of(GroundworkApplication.class);

		modules.verify();
		assertThat(modules.getModuleByName("knowledge")).isPresent();
	}
}
