package com.groundwork.identity.internal;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The facts the identity module reports as problems. */
final class IdentityProblems {

	private IdentityProblems() {
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	static final class UsernameTakenException extends ErrorResponseException {
		UsernameTakenException(String username) {
			super(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "Username taken",
					"username: '" + username + "' is already in use; choose another"), null);
		}
	}

	static final class TenantSlugTakenException extends ErrorResponseException {
		TenantSlugTakenException(String slug) {
			super(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "Tenant exists",
					"slug: a tenant named '" + slug + "' already exists; choose another slug"), null);
		}
	}

	/** Also what a resource of another tenant looks like: it does not exist for the caller. */
	static final class ResourceNotFoundException extends ErrorResponseException {
		ResourceNotFoundException(String kind, UUID id) {
			super(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND, kind + " not found",
					"No " + kind.toLowerCase() + " with id " + id + " in your tenant"), null);
		}
	}
}
