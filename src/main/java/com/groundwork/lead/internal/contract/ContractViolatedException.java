package com.groundwork.lead.internal.contract;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A lead (or a change to one) breaks the lead contract: a 400 problem naming every field to fix. */
public class ContractViolatedException extends ErrorResponseException {

	private final List<FieldProblem> problems;

	public ContractViolatedException(List<FieldProblem> problems) {
		super(HttpStatus.BAD_REQUEST, problem(problems), null);
		this.problems = List.copyOf(problems);
	}

	public ContractViolatedException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	/** With every field path prefixed, for a lead nested in a larger body (e.g. a CRM event's {@code changes}). */
	public ContractViolatedException prefixed(String prefix) {
		return new ContractViolatedException(
				problems.stream().map(p -> new FieldProblem(prefix + p.field(), p.message())).toList());
	}

	private static ProblemDetail problem(List<FieldProblem> problems) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", problems);
		return problem;
	}
}
