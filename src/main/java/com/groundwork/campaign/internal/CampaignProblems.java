package com.groundwork.campaign.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The campaign API's refusals, each an RFC 9457 problem that says what to change. */
final class CampaignProblems {

	private CampaignProblems() {
	}

	/** No such campaign in the caller's tenant (also what another tenant's campaign looks like). */
	static final class CampaignNotFoundException extends ErrorResponseException {

		CampaignNotFoundException(UUID id) {
			super(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND, "Campaign not found",
					"No campaign " + id + " in your tenant; GET /api/campaigns lists yours"), null);
		}
	}

	/** A request field is missing or wrong: 400 naming it. */
	static final class CampaignRequestProblem extends ErrorResponseException {

		CampaignRequestProblem(String field, String message) {
			super(HttpStatus.BAD_REQUEST, withErrors(problem(HttpStatus.BAD_REQUEST, "Invalid campaign request",
					field + ": " + message), field, message), null);
		}
	}

	/** The Idempotency-Key was used before with another request body: 422. */
	static final class IdempotencyKeyReusedException extends ErrorResponseException {

		IdempotencyKeyReusedException(String key, UUID campaign) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, withErrors(problem(HttpStatus.UNPROCESSABLE_CONTENT,
					"Idempotency-Key reused",
					"The Idempotency-Key '" + key + "' was used for another request (campaign " + campaign
							+ "); send the same body to get that campaign again, or use a new key for a new campaign"),
					"Idempotency-Key", "was used with another body"), null);
			getBody().setProperty("campaign", campaign.toString());
		}
	}

	/** The first request with this Idempotency-Key is still importing: 409, try again later. */
	static final class IdempotentRequestInProgressException extends ErrorResponseException {

		IdempotentRequestInProgressException(String key) {
			super(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "Request in progress",
					"A request with the Idempotency-Key '" + key
							+ "' is still importing its leads; send it again once that one answered"), null);
			getHeaders().set("Retry-After", "5");
		}
	}

	/** The campaign's state does not allow the action: 409 naming the state and what is allowed. */
	static final class CampaignStateConflictException extends ErrorResponseException {

		CampaignStateConflictException(UUID id, CampaignStatus status, String action, String allowedFrom) {
			super(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "Campaign cannot " + action,
					"Campaign " + id + " is " + status + "; only " + allowedFrom + " campaigns can be " + action
							+ (action.endsWith("e") ? "d" : "ed")), null);
			getBody().setProperty("status", status.name());
		}
	}

	/** The body is neither JSON nor CSV: 415 naming what is accepted. */
	static final class NotJsonOrCsvException extends ErrorResponseException {

		NotJsonOrCsvException(@Nullable MediaType sent) {
			super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
					(sent == null ? "The request has no body type" : "A " + sent + " body is not accepted")
							+ ": send application/json ({\"name\",\"angle\",\"promptVariant\",\"leads\":[…]}), "
							+ "multipart/form-data (fields name, angle, promptVariant and the CSV in 'file') or a "
							+ "text/csv body with ?name=…&angle=…"), null);
			getHeaders().setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA,
					MediaType.parseMediaType("text/csv")));
		}
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	private static ProblemDetail withErrors(ProblemDetail problem, String field, String message) {
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}
}
