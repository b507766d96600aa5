package com.groundwork.drafting.internal.scoring;

import java.util.List;

/** The email score rules file is missing or wrong: start-up stops with the file and each problem. */
public class ScoreRulesInvalidException extends RuntimeException {

	public ScoreRulesInvalidException(String file, List<String> problems) {
		super("Email score rules " + file + " are invalid: " + String.join("; ", problems));
	}
}
