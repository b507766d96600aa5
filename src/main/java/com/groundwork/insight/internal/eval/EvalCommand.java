package com.groundwork.insight.internal.eval;

import java.util.Map;

/** One subcommand of {@code eval/run}. Its result becomes the JSON object printed as the last line of stdout. */
interface EvalCommand {

	String name();

	/** The command line, for the usage message. */
	String usage();

	Map<String, Object> run(EvalArguments arguments) throws Exception;

	/** The process's exit code once the result line is printed (e.g. non-zero when a quality gate failed). */
	default int exitStatus(Map<String, Object> result) {
		return 0;
	}
}
