package com.groundwork.insight.internal.eval;

import com.groundwork.GroundworkApplication;
import com.groundwork.knowledge.Embeddings;
import com.groundwork.knowledge.KnowledgeChunks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The production application context on a temporary data directory (database and index), with the evaluation's
 * chunks table standing in for the knowledge module's. The web layer stays (the security configuration needs it) but
 * listens on a random loopback port that nothing calls.
 */
final class EvalContext implements AutoCloseable {

	private final Path dataDir;

	private final ConfigurableApplicationContext context;

	private EvalContext(Path dataDir, ConfigurableApplicationContext context) {
		this.dataDir = dataDir;
		this.context = context;
	}

	/** @param knowledge the stand-in chunks table, or null for the knowledge module's own */
	static EvalContext start(List<String> springProperties,
			@Nullable Function<ConfigurableApplicationContext, KnowledgeChunks> knowledge) throws IOException {
		return start(springProperties, knowledge, null);
	}

	/**
	 * @param embeddings wraps the production embedder (e.g. with a cache) for every bean that embeds, or null to
	 * leave it alone
	 */
	static EvalContext start(List<String> springProperties,
			@Nullable Function<ConfigurableApplicationContext, KnowledgeChunks> knowledge,
			@Nullable BiFunction<ConfigurableApplicationContext, Embeddings, Embeddings> embeddings) throws IOException {
		var dataDir = Files.createTempDirectory("groundwork-eval-");
		var properties = new ArrayList<>(List.of("groundwork.data-dir=" + dataDir, "groundwork.demo.enabled=false",
				// evaluations count only what they make: no synthetic Insights history for the demo tenant
				"groundwork.insight.demo-history=false",
				"server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "logging.level.root=WARN", "logging.level.com.groundwork=INFO",
				"logging.level.com.groundwork.web=WARN",
				// one line per ingested document would drown the evaluation's own progress lines
				"logging.level.com.groundwork.knowledge.internal.DocumentIngestion=WARN",
				"spring.modulith.republish-outstanding-events-on-restart=false"));
		properties.addAll(springProperties);
		var settings = lastWins(properties);
		// As command-line arguments: they must win over application.yaml.
		var builder = new SpringApplicationBuilder(GroundworkApplication.class).web(WebApplicationType.SERVLET);
		if (knowledge != null) {
			builder.initializers(app -> ((GenericApplicationContext) app).registerBean("evalKnowledgeChunks",
					KnowledgeChunks.class, () -> knowledge.apply(app), definition -> definition.setPrimary(true)));
		}
		if (embeddings != null) {
			builder.initializers(app -> ((GenericApplicationContext) app).registerBean("evalEmbeddings",
					Embeddings.class, () -> embeddings.apply(app, production(app)), definition -> definition.setPrimary(true)));
		}
		var context = builder.run(settings.stream().map(property -> "--" + property).toArray(String[]::new));
		return new EvalContext(dataDir, context);
	}

	/**
	 * {@code name=value} settings, a later one of a name replacing an earlier one: the command line's over a command's
	 * defaults, and those over the defaults here. Spring would join duplicate arguments with ',' instead.
	 */
	static List<String> lastWins(List<String> properties) {
		var byName = new LinkedHashMap<String, String>();
		for (var property : properties) {
			var name = property.substring(0, Math.max(0, property.indexOf('=')));
			byName.remove(name);
			byName.put(name, property);
		}
		return new ArrayList<>(byName.values());
	}

	private static Embeddings production(ConfigurableApplicationContext app) {
		for (var name : app.getBeanNamesForType(Embeddings.class)) {
			if (!name.equals("evalEmbeddings")) {
				return app.getBean(name, Embeddings.class);
			}
		}
		throw new IllegalStateException("no embedding model in the context");
	}

	<T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	/** The context itself publishes application events (it is no bean). */
	org.springframework.context.ApplicationEventPublisher events() {
		return context;
	}

	String property(String name) {
		return context.getEnvironment().getProperty(name, "");
	}

	@Override
	public void close() throws IOException {
		context.close();
		try (Stream<Path> files = Files.walk(dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}
}
