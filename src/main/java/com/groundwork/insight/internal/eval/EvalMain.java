package com.groundwork.insight.internal.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of {@code eval/run SUBCOMMAND [options]}. Everything the application logs goes to stderr; stdout carries
 * one line, the subcommand's JSON result, so that tools can read the last line of stdout.
 */
public final class EvalMain {

	/** The subcommands; {@code all} runs the others (those this build has). */
	static final List<EvalCommand> COMMANDS = List.of(new RetrievalEvaluation(), new KnowledgeRetrievalEvaluation(), new SearchBenchmark(),
			DraftCommands.goldenCases(), DraftCommands.quality(), DraftCommands.benchmark(), GuardrailCommands.pii(), new InjectionCommand(), new InjectionDetectorTraining(),
			new PiiNamesTraining(), new ReviewBenchmark(), new CampaignBenchmark(), new AuditVerifyCommand(), new EvalAll(() -> EvalMain.COMMANDS));

	private EvalMain() {
	}

	public static void main(String[] args) {
		PrintStream stdout = System.out;
		System.setOut(System.err);
		int status;
		try {
			var arguments = EvalArguments.parse(args);
			var command = COMMANDS.stream()
				.filter(candidate -> candidate.name().equals(arguments.command()))
				.findFirst()
				.orElseThrow(() -> new EvalArguments.UsageException("unknown subcommand '" + arguments.command() + "'"));
			var result = command.run(arguments);
			stdout.println(JsonMapper.shared().writeValueAsString(result));
			stdout.flush();
			status = command.exitStatus(result);
		}
		catch (EvalArguments.UsageException ex) {
			System.err.println("eval: " + ex.getMessage());
			System.err.println("usage:\n" + COMMANDS.stream()
				.map(command -> "  eval/run " + command.usage())
				.collect(Collectors.joining("\n")));
			status = 2;
		}
		catch (Exception ex) {
			System.err.println("eval: failed: " + ex);
			ex.printStackTrace(System.err);
			status = 1;
		}
		System.exit(status);
	}
}
