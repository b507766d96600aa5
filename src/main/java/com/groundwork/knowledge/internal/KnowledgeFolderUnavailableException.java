package com.groundwork.knowledge.internal;

import java.nio.file.Path;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The knowledge folder is missing or cannot be listed, so sync neither adds nor removes anything. */
final class KnowledgeFolderUnavailableException extends ErrorResponseException {

	KnowledgeFolderUnavailableException(Path folder, String why) {
		super(HttpStatus.CONFLICT, problem(folder, why), null);
	}

	private static ProblemDetail problem(Path folder, String why) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The knowledge folder '" + folder + "' "
				+ why + "; nothing was synced. Check groundwork.knowledge.folder.");
		problem.setTitle("Knowledge folder unavailable");
		return problem;
	}
}
