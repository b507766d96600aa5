package com.groundwork.lead.internal.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.groundwork.lead.PiiClass;
import com.groundwork.lead.internal.contract.LeadContracts;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import tools.jackson.databind.json.JsonMapper;

/** The feature registry binds YAML to validated records; every mistake names the file, the field and the line. */
class LeadFeatureRegistryTests {

	static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	static final String GOOD = """
			features:
			  - name: company.industry
			    version: 1
			    type: category
			    source: company.industry
			    pii: none
			    allowedForGeneration: true
			    freshness: P365D
			    description: Industry.
			""";

	@TempDir
	Path dir;

	static FeatureSources sources() {
		var settings = new FeatureSettings("unused", List.of(), Map.of());
		return new FeatureSources(new LeadContracts(JsonMapper.builder().build(), VALIDATOR), new Seniority(settings),
				new IntentSignals(settings));
	}

	FeatureRegistry load(Resource... resources) {
		return new FeatureRegistryLoader(VALIDATOR, sources().names()).load(List.of(resources));
	}

	Resource file(String name, String yaml) throws IOException {
		return new FileSystemResource(Files.writeString(dir.resolve(name), yaml));
	}

	String problemsOf(String yaml) throws IOException {
		var bad = file("bad-features.yaml", yaml);
		try {
			load(bad);
		}
		catch (FeatureRegistryInvalidException ex) {
			assertThat(ex.file()).isEqualTo("bad-features.yaml");
			assertThat(ex.getMessage()).startsWith("Feature registry bad-features.yaml is invalid: ");
			return ex.getMessage();
		}
		throw new AssertionError("the registry accepted an invalid file");
	}

	@Test
	void theShippedRegistryLoadsAndKeepsSensitiveFeaturesFromModels() {
		var registry = load(new ClassPathResource("features/lead-features.yaml"));
		assertThat(registry.current()).extracting(FeatureDefinition::name)
			.contains("company.industry", "company.size-band", "contact.seniority", "crm.intent-signals",
					"crm.days-since-last-touch", "consent.status", "crm.stage");
		assertThat(registry.current()).filteredOn(definition -> definition.pii() == PiiClass.SENSITIVE)
			.isNotEmpty()
			.allSatisfy(definition -> assertThat(definition.allowed()).isFalse());
		assertThat(registry.find("contact.email", 1)).hasValueSatisfying(email -> {
			assertThat(email.pii()).isEqualTo(PiiClass.PERSONAL);
			assertThat(email.allowed()).isFalse();
		});
	}

	@Test
	void anUnknownPiiClassNamesFileFieldLineAndTheAllowedValues() throws IOException {
		assertThat(problemsOf(GOOD.replace("pii: none", "pii: secret")))
			.contains("features[0].pii (line 6)", "'secret'", "none, personal, sensitive");
	}

	@Test
	void anUnknownKeyIsRefusedNotIgnored() throws IOException {
		assertThat(problemsOf(GOOD.replace("    description: Industry.\n", "    description: Industry.\n    owner: growth team\n")))
			.contains("features[0].owner (line 10)", "is not a field of a feature definition");
	}

	@Test
	void aMissingFieldIsNamedWithItsFeaturesLine() throws IOException {
		assertThat(problemsOf(GOOD.replace("    allowedForGeneration: true\n", "")))
			.contains("features[0].allowedForGeneration (line 2): must be true or false");
	}

	@Test
	void aSensitiveFeatureMayNotBeAllowedForGeneration() throws IOException {
		assertThat(problemsOf(GOOD.replace("pii: none", "pii: sensitive")))
			.contains("features[0].allowedForGeneration (line 7)", "sensitive feature may never be shown to a model");
	}

	@Test
	void anUnknownSourceIsNamed() throws IOException {
		assertThat(problemsOf(GOOD.replace("source: company.industry", "source: company.sector")))
			.contains("features[0].source (line 5)", "'company.sector'", "derived:intent-signals");
	}

	@Test
	void aBadDurationOrNameIsNamed() throws IOException {
		assertThat(problemsOf(GOOD.replace("P365D", "a year"))).contains("features[0].freshness (line 8)",
				"ISO-8601 duration");
		assertThat(problemsOf(GOOD.replace("name: company.industry", "name: Company Industry")))
			.contains("features[0].name (line 2): must be a dotted lower-case name");
	}

	@Test
	void aDefinitionRegisteredTwiceIsRefused() throws IOException {
		var first = file("a-features.yaml", GOOD);
		var second = file("b-features.yaml", GOOD);
		assertThatThrownBy(() -> load(first, second)).isInstanceOf(FeatureRegistryInvalidException.class)
			.hasMessageContaining("b-features.yaml")
			.hasMessageContaining("company.industry@1 is already registered in a-features.yaml");
	}

	@Test
	void anInvalidFileStopsStartUp() throws IOException {
		var bad = file("bad-features.yaml", GOOD.replace("pii: none", "pii: secret"));
		new ApplicationContextRunner().withUserConfiguration(RegistryOnly.class)
			.withPropertyValues("groundwork.lead.features.registry=" + bad.getURI())
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(FeatureRegistryInvalidException.class)
				.hasMessageContaining("bad-features.yaml")
				.hasMessageContaining("features[0].pii"));
	}

	@EnableConfigurationProperties(FeatureSettings.class)
	static class RegistryOnly extends FeatureConfiguration {

		@Bean
		FeatureSources featureSources() {
			return sources();
		}

		@Bean
		Validator validator() {
			return VALIDATOR;
		}
	}
}
