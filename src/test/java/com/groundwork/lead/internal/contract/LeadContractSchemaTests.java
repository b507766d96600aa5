package com.groundwork.lead.internal.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published JSON Schemas and the validated records are the same contract: same fields, same required fields,
 * same enumerations and lengths; the schema's example is valid for both, and typical mistakes are refused by both.
 */
class LeadContractSchemaTests {

	static final JsonMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

	static final LeadContracts CONTRACTS = new LeadContracts(MAPPER,
			Validation.buildDefaultValidatorFactory().getValidator());

	/** Formats are annotations in draft 2020-12; the schemas state what they assert with patterns. */
	static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	static JsonNode schemaJson(int version) throws IOException {
		try (var in = new ClassPathResource(ContractController.schemaLocation(version)).getInputStream()) {
			return MAPPER.readTree(in);
		}
	}

	static Schema schema(int version) throws IOException {
		return SCHEMAS.getSchema(schemaJson(version).toString(), InputFormat.JSON);
	}

	static Class<? extends Record> record(int version) {
		return version == 1 ? LeadV1.class : LeadV2.class;
	}

	static ObjectNode example(int version) throws IOException {
		return (ObjectNode) schemaJson(version).get("examples").get(0).deepCopy();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void theExampleIsValidForTheSchemaAndTheRecord(int version) throws IOException {
		var example = example(version);
		assertThat(schema(version).validate(example.toString(), InputFormat.JSON)).isEmpty();
		assertThat(CONTRACTS.read(example, LeadPayload.class)).isInstanceOf(record(version));
		assertThat(CONTRACTS.accept(example).schemaVersion()).isEqualTo(LeadUpcaster.LATEST);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void theSchemaDeclaresTheRecordsFieldsRequiredFieldsEnumerationsAndLengths(int version) throws IOException {
		assertAgree(schemaJson(version), record(version), "");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void typicalMistakesAreRefusedByBoth(int version) throws IOException {
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("contact")).put("email", "dana-at-northwind"));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("contact")).put("country", "USA"));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("contact")).remove("email"));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("contact")).put("phone", "+1 555 0100"));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("consent")).remove("grantedAt"));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("consent")).put("status", "MAYBE"));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("company")).put("employees", -1));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("company")).put("domain", "https://northwind.example/"));
		refusedByBoth(version, lead -> ((ObjectNode) lead.get("crm")).put("lastTouchAt", "yesterday"));
		refusedByBoth(version, lead -> lead.put("externalId", "has space"));
		refusedByBoth(version, lead -> lead.remove("consent"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void anOmittedCrmPartIsValidForBoth(int version) throws IOException {
		var lead = example(version);
		lead.remove("crm");
		assertThat(schema(version).validate(lead.toString(), InputFormat.JSON)).isEmpty();
		assertThat(CONTRACTS.accept(lead).crmOrEmpty()).isEqualTo(Crm.EMPTY);
	}

	@org.junit.jupiter.api.Test
	void versionOneUpcastsToVersionTwoWithTheRegionRenamed() throws IOException {
		var v1 = CONTRACTS.accept(example(1));
		var v2 = example(2);
		((ObjectNode) v2.get("company")).remove("annualRevenueBand");
		((ObjectNode) v2.get("crm")).remove("lastTouchAt");
		assertThat(v1).isEqualTo(CONTRACTS.accept(v2));
		assertThat(v1.requireCompany().salesRegion()).isEqualTo(SalesRegion.NA);
	}

	private void refusedByBoth(int version, Consumer<ObjectNode> mistake) throws IOException {
		var lead = example(version);
		mistake.accept(lead);
		assertThat(schema(version).validate(lead.toString(), InputFormat.JSON)).as("schema v%d on %s", version, lead)
			.isNotEmpty();
		assertThatThrownBy(() -> CONTRACTS.accept(lead)).as("record v%d on %s", version, lead)
			.isInstanceOf(ContractViolatedException.class);
	}

	private static void assertAgree(JsonNode schema, Class<?> type, String path) {
		var properties = schema.get("properties");
		assertThat(properties).as("%s properties", path).isNotNull();
		assertThat(schema.get("additionalProperties").asBoolean(true)).as("%s refuses unknown fields", path).isFalse();
		var components = type.getRecordComponents();
		assertThat(new HashSet<>(properties.propertyNames()))
			.as("%s fields", path)
			.isEqualTo(Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet()));
		Set<String> required = new HashSet<>();
		schema.path("required").forEach(name -> required.add(name.asString()));
		assertThat(required).as("%s required fields", path)
			.isEqualTo(Arrays.stream(components)
				.filter(LeadContracts::isRequired)
				.map(RecordComponent::getName)
				.collect(Collectors.toSet()));
		for (var component : components) {
			var property = properties.get(component.getName());
			var where = path + component.getName();
			if (component.getType().isRecord()) {
				assertAgree(property, component.getType(), where + ".");
			}
			else if (component.getType().isEnum()) {
				Set<String> values = new HashSet<>();
				property.get("enum").forEach(value -> values.add(value.asString()));
				assertThat(values).as("%s values", where)
					.isEqualTo(Arrays.stream(component.getType().getEnumConstants()).map(String::valueOf).collect(Collectors.toSet()));
			}
			var size = field(component).getAnnotation(Size.class);
			if (size != null) {
				assertThat(property.path("maxLength").asInt(-1)).as("%s maxLength", where).isEqualTo(size.max());
			}
		}
	}

	private static java.lang.reflect.Field field(RecordComponent component) {
		try {
			return component.getDeclaringRecord().getDeclaredField(component.getName());
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
