package com.groundwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure of DESIGN.md §2, verified: no cycles, no access to another module's internals. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GroundworkApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void everyDesignedModuleExists() {
		assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
			.contains("knowledge", "search", "lead", "drafting", "guardrail", "review", "campaign", "audit", "identity",
					"insight", "web");
	}

	@Test
	void writesModuleDocumentation() throws Exception {
		var output = Path.of("target", "spring-modulith-docs");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(output.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		assertThat(output.resolve("components.puml")).exists();
		try (var files = Files.list(output)) {
			assertThat(files.filter(file -> file.getFileName().toString().endsWith(".adoc"))).isNotEmpty();
		}
	}
}
