package com.groundwork.insight.internal.eval;

import java.util.Map;

/** One subcommand of {@code eval/run}. Its result becomes the JSON object printed as the last line of stdout. */
interface EvalCommand {

	String name();

	/** The command line, for the usage message. */
	String usage();

	Map<String, Object> run(EvalArguments arguments) throws Exception;
}
