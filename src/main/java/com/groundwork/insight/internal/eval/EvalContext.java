package com.groundwork.insight.internal.eval;

import com.groundwork.GroundworkApplication;
import com.groundwork.knowledge.Embedders;
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

	/** Whether closing deletes the data directory: not when the caller lent it (several contexts in turn). */
	private final boolean ownsDataDir;

	private EvalContext(Path dataDir, ConfigurableApplicationContext context, boolean ownsDataDir) {
		this.dataDir = dataDir;
		this.context = context;
		this.ownsDataDir = ownsDataDir;
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
		return start(null, springProperties, knowledge, embeddings);
	}

	/**
	 * @param lentDataDir a data directory (database and index) the caller keeps and deletes, so that contexts started
	 * one after the other see what the first one stored; null for a temporary one of this context's own
	 */
	static EvalContext start(@Nullable Path lentDataDir, List<String> springProperties,
			@Nullable Function<ConfigurableApplicationContext, KnowledgeChunks> knowledge,
			@Nullable BiFunction<ConfigurableApplicationContext, Embeddings, Embeddings> embeddings) throws IOException {
		var dataDir = lentDataDir != null ? lentDataDir : Files.createTempDirectory("groundwork-eval-");
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
			// The further models (groundwork.search.embedders) get the same wrapper, each for itself.
			builder.initializers(app -> ((GenericApplicationContext) app).registerBean("evalEmbedders",
					Embedders.class, () -> wrapped(app, embeddings), definition -> definition.setPrimary(true)));
		}
		var context = builder.run(settings.stream().map(property -> "--" + property).toArray(String[]::new));
		return new EvalContext(dataDir, context, lentDataDir == null);
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

	private static Embedders wrapped(ConfigurableApplicationContext app,
			BiFunction<ConfigurableApplicationContext, Embeddings, Embeddings> wrapper) {
		Embedders production = null;
		for (var name : app.getBeanNamesForType(Embedders.class)) {
			if (!name.equals("evalEmbedders")) {
				production = app.getBean(name, Embedders.class);
			}
		}
		if (production == null) {
			throw new IllegalStateException("no embedding models in the context");
		}
		var primary = app.getBean("evalEmbeddings", Embeddings.class);
		var extras = production.extras().stream().map(model -> wrapper.apply(app, model)).toList();
		return new Embedders() {
			@Override
			public Embeddings primary() {
				return primary;
			}

			@Override
			public java.util.List<Embeddings> extras() {
				return extras;
			}
		};
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
		if (ownsDataDir) {
			delete(dataDir);
		}
	}

	static void delete(Path dataDir) throws IOException {
		try (Stream<Path> files = Files.walk(dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}
}
