package com.groundwork.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Gives every application context started by a test its own data directory (H2 file database, Lucene index), so
 * that cached contexts never share a database or fight over an index lock. It ranks below test, system and
 * environment properties, so a test that sets {@code groundwork.data-dir} itself keeps its own. Likewise, test
 * contexts do not ingest the sample corpus at start-up (embedding it for every cached context would cost minutes) and
 * their knowledge folder is an empty one of their own, so a sync requested by a test embeds only what it put there.
 * Nor do they get insight's synthetic demo history, so KPIs count only what a test did.
 */
public class IsolatedDataDirectory implements EnvironmentPostProcessor {

	private static final Path ROOT = Path.of("target", "test-data");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			Files.createDirectories(ROOT);
			Path directory = Files.createTempDirectory(ROOT.toAbsolutePath(), "context-");
			Path knowledge = Files.createDirectories(directory.resolve("knowledge"));
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new MapPropertySource("isolatedDataDirectory",
								Map.of("groundwork.data-dir", directory.toString(), "groundwork.knowledge.folder",
										knowledge.toString(), "groundwork.knowledge.sync-on-start", "false",
										// tests count their own drafts: no synthetic demo history
										"groundwork.insight.demo-history", "false")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
