package com.groundwork.drafting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt registry: its lock, its start-up checks and the variant routing. */
class DraftPromptTests {

	private static final Path PROMPTS = Path.of("prompts");

	@Test
	void everyReleasedPromptVersionIsLockedAndUnchanged() throws IOException {
		Map<String, String> locked = new HashMap<>();
		for (var line : Files.readAllLines(PROMPTS.resolve("prompts.lock"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				var parts = line.strip().split("\\s+");
				locked.put(parts[0], parts[1]);
			}
		}
		List<Path> files;
		try (Stream<Path> walk = Files.walk(PROMPTS, 2)) {
			files = walk.filter(path -> path.toString().endsWith(".st")).sorted().toList();
		}
		assertThat(files).isNotEmpty();
		for (var file : files) {
			var name = PROMPTS.relativize(file).toString().replace('\\', '/');
			var hash = PromptRegistry.sha256(Files.readString(file, StandardCharsets.UTF_8));
			assertThat(locked).as("%s is not in prompts/prompts.lock: add the line '%s %s'", name, name, hash)
				.containsKey(name);
			assertThat(hash).as("%s changed after release: write a new version instead", name)
				.isEqualTo(locked.get(name));
		}
		assertThat(locked.keySet()).as("locked versions must not be deleted")
			.allSatisfy(name -> assertThat(PROMPTS.resolve(name)).exists());
	}

	@Test
	void theShippedRegistryIsValidAndCoversEveryAngle() {
		var registry = new PromptRegistry(PROMPTS);
		for (var angle : Angle.values()) {
			assertThat(registry.latest(angle.promptId())).as(angle.promptId()).isPresent();
		}
		assertThat(registry.find("outreach-intro", 2)).isPresent();
	}

	@Test
	void anUnknownPlaceholderStopsStartUpNamingFileAndVariable(@TempDir Path dir) throws IOException {
		write(dir, "outreach-intro/v1.st", valid().replace("{tone}", "{mood}"));
		assertThatThrownBy(() -> new PromptRegistry(dir)).isInstanceOf(PromptRegistryInvalidException.class)
			.hasMessageContaining("outreach-intro/v1.st")
			.hasMessageContaining("unknown placeholder {mood}");
	}

	@Test
	void aMissingPlaceholderStopsStartUpNamingFileAndVariable(@TempDir Path dir) throws IOException {
		write(dir, "outreach-intro/v1.st", valid().replace("{passages}", "(none)"));
		assertThatThrownBy(() -> new PromptRegistry(dir)).isInstanceOf(PromptRegistryInvalidException.class)
			.hasMessageContaining("outreach-intro/v1.st")
			.hasMessageContaining("missing placeholder {passages}");
	}

	@Test
	void anUnknownOfflineVariableStopsStartUp(@TempDir Path dir) throws IOException {
		write(dir, "outreach-intro/v1.st", valid().replace("Hi {first_name},", "Hi {last_name},"));
		assertThatThrownBy(() -> new PromptRegistry(dir)).hasMessageContaining("outreach-intro/v1.st")
			.hasMessageContaining("{last_name}")
			.hasMessageContaining("offline.greeting-friendly");
	}

	@Test
	void theCanaryGetsItsShareDeterministicallyAndRollbackIsConfiguration() {
		var registry = new PromptRegistry(PROMPTS);
		var canary = settings(Map.of("default", Map.of("intro", new DraftingSettings.Variant(1, 2, 25, null))));
		var router = new VariantRouter(registry, canary);
		var versions = IntStream.range(0, 2000)
			.mapToObj(i -> router.route("acme", Angle.INTRO, "L-" + i).prompt().version())
			.collect(Collectors.groupingBy(version -> version, Collectors.counting()));
		assertThat(versions.get(2)).isBetween(400L, 600L);
		assertThat(router.route("acme", Angle.INTRO, "L-42").prompt().version())
			.isEqualTo(router.route("acme", Angle.INTRO, "L-42").prompt().version());

		var rolledBack = new VariantRouter(registry,
				settings(Map.of("default", Map.of("intro", new DraftingSettings.Variant(1, 2, 0, null)))));
		assertThat(IntStream.range(0, 500).map(i -> rolledBack.route("acme", Angle.INTRO, "L-" + i).prompt().version()))
			.containsOnly(1);

		var shadowed = new VariantRouter(registry,
				settings(Map.of("acme", Map.of("intro", new DraftingSettings.Variant(1, null, 0, 2)))));
		var route = shadowed.route("acme", Angle.INTRO, "L-1");
		assertThat(route.prompt().reference()).isEqualTo("outreach-intro@1");
		assertThat(route.shadow()).map(PromptFile::reference).contains("outreach-intro@2");
		assertThat(shadowed.route("globex", Angle.INTRO, "L-1").shadow()).isEmpty();
	}

	@Test
	void aVariantNamingAMissingVersionStopsStartUp() {
		var registry = new PromptRegistry(PROMPTS);
		assertThatThrownBy(() -> new VariantRouter(registry,
				settings(Map.of("acme", Map.of("intro", new DraftingSettings.Variant(9, null, 0, null))))))
			.hasMessageContaining("groundwork.drafting.variants.acme.intro")
			.hasMessageContaining("outreach-intro@9");
	}

	static DraftingSettings settings(Map<String, Map<String, DraftingSettings.Variant>> variants) {
		return new DraftingSettings(PROMPTS, 6, Map.of(),
				new DraftingSettings.Routing(List.of("small", "offline"), List.of("large", "small", "offline"), 80, 0.05),
				variants, new DraftingSettings.Cache(java.time.Duration.ofHours(1), 100), Map.of(),
				new DraftingSettings.Sidebar(List.of("'self'")), List.of("(internal)"), true);
	}

	private static String valid() throws IOException {
		return Files.readString(PROMPTS.resolve("outreach-intro/v1.st"));
	}

	private static void write(Path dir, String name, String text) throws IOException {
		Files.createDirectories(dir.resolve(name).getParent());
		Files.writeString(dir.resolve(name), text);
	}
}
