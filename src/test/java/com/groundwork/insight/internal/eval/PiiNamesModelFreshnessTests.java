package com.groundwork.insight.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import opennlp.tools.namefind.NameSample;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed name-finder model matches its training data: the fingerprint in guardrails/models/pii-names.json is
 * recomputed from the configuration, the templates, the Presidio records and the seed.
 */
class PiiNamesModelFreshnessTests {

	@Test
	void theCommittedModelIsTrainedOnTheCurrentData() throws Exception {
		var config = PiiNamesTraining.Config.read(PiiNamesTraining.CONFIG);
		assertThat(config.model()).isRegularFile();
		var metadata = JsonMapper.shared().readTree(Files.readString(config.metadata()));
		assertThat(metadata.path("command").asString()).isEqualTo(PiiNamesTraining.COMMAND);
		// The Presidio records are shared data outside the project: without them the fingerprint cannot be recomputed.
		assumeTrue(Files.isRegularFile(config.presidio()), "Presidio records not present: " + config.presidio());
		var fingerprint = PiiNamesTraining.fingerprint(PiiNamesTraining.CONFIG, PiiNamesTraining.TEMPLATES,
				config.presidio(), config.seed());
		assertThat(metadata.path("fingerprint").asString())
			.as("%s is stale: its training data changed; rerun `%s` and commit the model and its JSON", config.model(),
					PiiNamesTraining.COMMAND)
			.isEqualTo(fingerprint);
	}

	@Test
	void theFingerprintChangesWithTheTemplates() throws Exception {
		var config = PiiNamesTraining.Config.read(PiiNamesTraining.CONFIG);
		assumeTrue(Files.isRegularFile(config.presidio()), "Presidio records not present: " + config.presidio());
		var changed = Files.createTempFile("templates", ".txt");
		try {
			Files.writeString(changed, Files.readString(PiiNamesTraining.TEMPLATES) + "en|One more template with {PERSON}.\n");
			assertThat(PiiNamesTraining.fingerprint(PiiNamesTraining.CONFIG, changed, config.presidio(), config.seed()))
				.isNotEqualTo(PiiNamesTraining.fingerprint(PiiNamesTraining.CONFIG, PiiNamesTraining.TEMPLATES,
						config.presidio(), config.seed()));
		}
		finally {
			Files.deleteIfExists(changed);
		}
	}

	@Test
	void generatedSentencesAreDeterministicAndLabelled() throws Exception {
		var config = PiiNamesTraining.Config.read(PiiNamesTraining.CONFIG);
		var templates = PiiNameSentences.readTemplates(PiiNamesTraining.TEMPLATES);
		var first = new PiiNameSentences(templates, config.seed(), config.locales(), config.germanLocales(),
				config.upperCasePlaces(), config.lowerCaseSentences()).generate(200);
		var second = new PiiNameSentences(templates, config.seed(), config.locales(), config.germanLocales(),
				config.upperCasePlaces(), config.lowerCaseSentences()).generate(200);
		assertThat(first).isEqualTo(second);
		assertThat(first).flatExtracting(PiiNameSentences.Sentence::entities)
			.extracting(PiiNameSentences.Entity::type)
			.contains("PERSON", "LOCATION", "STREET_ADDRESS", "ORGANIZATION");
		NameSample sample = PiiNamesTraining.sample("Met Jonas Becker in Berlin.",
				List.of(new PiiNameSentences.Entity("PERSON", 4, 16), new PiiNameSentences.Entity("LOCATION", 20, 26)));
		assertThat(sample.getNames()).hasSize(2);
		assertThat(sample.getNames()[0].getType()).isEqualTo("PERSON");
		assertThat(List.of(sample.getSentence()).subList(sample.getNames()[0].getStart(), sample.getNames()[0].getEnd()))
			.containsExactly("Jonas", "Becker");
		assertThat(Path.of("eval/pii-names/templates.txt")).isRegularFile();
	}
}
