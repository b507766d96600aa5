package com.groundwork.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The application with a test chunks table, on a data directory of its own (database and index). */
@TestConfiguration(proxyBeanMethods = false)
public class SearchTestConfiguration {

	private static Path dataDir;

	@Bean
	@Primary
	TestKnowledgeChunks testKnowledgeChunks(ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager) {
		return new TestKnowledgeChunks(events, new TransactionTemplate(transactionManager));
	}

	/** One directory per test JVM, shared by the cached context. */
	public static synchronized void dataDir(DynamicPropertyRegistry registry) {
		try {
			if (dataDir == null) {
				dataDir = Files.createTempDirectory("groundwork-search-test-");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		registry.add("groundwork.data-dir", dataDir::toString);
	}
}
