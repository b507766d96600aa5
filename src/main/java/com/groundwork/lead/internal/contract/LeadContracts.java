package com.groundwork.lead.internal.contract;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads, checks and writes leads in the contract: validation as the client sent it (so problems name the client's
 * fields), then the upcast to the latest version, the stored form.
 */
@Component
public class LeadContracts {

	private final JsonMapper mapper;
	private final Validator validator;

	public LeadContracts(JsonMapper mapper, Validator validator) {
		this.mapper = mapper;
		this.validator = validator;
	}

	/**
	 * The latest form of a valid lead.
	 * @throws ContractViolatedException naming every field that breaks the contract of the version sent
	 */
	public LeadV2 accept(LeadPayload payload) {
		if (payload instanceof UnsupportedLeadVersion) {
			return LeadUpcaster.toLatest(payload); // throws, naming the supported versions
		}
		var problems = validate(payload);
		if (!problems.isEmpty()) {
			throw new ContractViolatedException(problems);
		}
		var latest = LeadUpcaster.toLatest(payload);
		var afterUpcast = validate(latest);
		if (!afterUpcast.isEmpty()) {
			throw new IllegalStateException("The upcast of a valid lead is invalid: " + afterUpcast);
		}
		return latest;
	}

	/** Reads a lead from a JSON tree (a CSV row, a CRM patch) and accepts it. */
	public LeadV2 accept(JsonNode tree) {
		return accept(read(tree, LeadPayload.class));
	}

	/** Problems of a payload, sorted by field; empty when valid. */
	public List<FieldProblem> validate(Object payload) {
		return validator.validate(payload)
			.stream()
			.map(LeadContracts::problemOf)
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
	}

	/** Reads a JSON tree into {@code type}, turning Jackson's complaints into field problems. */
	public <T> T read(JsonNode tree, Class<T> type) {
		try {
			return mapper.treeToValue(tree, type);
		}
		catch (DatabindException ex) {
			throw new ContractViolatedException(List.of(problemOf(ex)));
		}
		catch (JacksonException ex) {
			throw new ContractViolatedException("body", "is not a lead: " + ex.getOriginalMessage());
		}
	}

	/** The stored form of a lead: the latest contract version as JSON. */
	public String write(LeadV2 lead) {
		return mapper.writeValueAsString(lead);
	}

	/** A stored lead, brought to the latest version should it have been stored by an older release. */
	public LeadV2 readStored(String json) {
		return LeadUpcaster.toLatest(mapper.readValue(json, LeadPayload.class));
	}

	public JsonNode toTree(LeadV2 lead) {
		return mapper.valueToTree(lead);
	}

	/**
	 * Every leaf field of a contract record as a flattened path, in declaration order: {@code schemaVersion},
	 * {@code externalId}, {@code contact.firstName}, … These are the CSV column names and the CRM change keys.
	 */
	public static List<String> fieldPaths(Class<? extends Record> type) {
		var paths = new ArrayList<String>();
		collect(type, "", paths);
		return List.copyOf(paths);
	}

	/**
	 * The leaf paths a valid lead must have: declared {@code @NotNull}/{@code @NotBlank} (or primitive), inside parts
	 * that are themselves required.
	 */
	public static List<String> requiredFieldPaths(Class<? extends Record> type) {
		var paths = new ArrayList<String>();
		collectRequired(type, "", paths);
		return List.copyOf(paths);
	}

	/**
	 * Whether a record component must be present in a valid lead. The constraints are read from the component's field,
	 * where Java puts annotations that do not target record components.
	 */
	public static boolean isRequired(RecordComponent component) {
		if (component.getType().isPrimitive()) {
			return true;
		}
		try {
			var field = component.getDeclaringRecord().getDeclaredField(component.getName());
			return field.isAnnotationPresent(NotNull.class) || field.isAnnotationPresent(NotBlank.class)
					|| field.isAnnotationPresent(NotEmpty.class);
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("a record component without its field: " + component, ex);
		}
	}

	private static void collectRequired(Class<?> type, String prefix, List<String> paths) {
		for (RecordComponent component : type.getRecordComponents()) {
			if (!isRequired(component)) {
				continue;
			}
			var path = prefix + component.getName();
			if (component.getType().isRecord()) {
				collectRequired(component.getType(), path + ".", paths);
			}
			else {
				paths.add(path);
			}
		}
	}

	private static void collect(Class<?> type, String prefix, List<String> paths) {
		for (RecordComponent component : type.getRecordComponents()) {
			var path = prefix + component.getName();
			if (component.getType().isRecord()) {
				collect(component.getType(), path + ".", paths);
			}
			else {
				paths.add(path);
			}
		}
	}

	private static FieldProblem problemOf(ConstraintViolation<?> violation) {
		return new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage());
	}

	/** Jackson's complaint as a field problem, worded like the service's other unreadable-body problems. */
	static FieldProblem problemOf(DatabindException ex) {
		var field = ex.getPath()
			.stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
		var message = switch (ex) {
			case UnrecognizedPropertyException unknown -> "is not a field of this version of the lead contract; remove it (known fields: "
					+ unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
			case InvalidFormatException invalid when invalid.getTargetType() != null && invalid.getTargetType().isEnum() ->
				"'" + invalid.getValue() + "' is not one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
			case InvalidFormatException invalid when invalid.getTargetType() == LocalDate.class ->
				"'" + invalid.getValue() + "' is not a date in the form 2026-10-01";
			case InvalidFormatException invalid -> "'" + invalid.getValue() + "' is not a valid "
					+ (invalid.getTargetType() == null ? "value" : invalid.getTargetType().getSimpleName());
			default -> "has the wrong type or shape";
		};
		return new FieldProblem(field.isEmpty() ? "body" : field, message);
	}
}
