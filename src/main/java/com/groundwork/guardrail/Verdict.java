package com.groundwork.guardrail;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of the guardrails for one text: {@link Passed} (possibly with warnings), {@link NeedsRepair} or
 * {@link Blocked}. Derived from the findings' severities by {@link #of(List)}.
 */
public sealed interface Verdict permits Verdict.Passed, Verdict.NeedsRepair, Verdict.Blocked {

	/** All findings, most severe first. */
	List<Finding> findings();

	/** {@code PASSED}, {@code NEEDS_REPAIR} or {@code BLOCKED}, as stored and shown. */
	String name();

	static Verdict of(List<Finding> findings) {
		var sorted = findings.stream().sorted(Comparator.comparing(Finding::severity).reversed()).toList();
		var worst = sorted.isEmpty() ? Severity.INFO : sorted.getFirst().severity();
		return switch (worst) {
			case BLOCK -> new Blocked(sorted);
			case REPAIR -> new NeedsRepair(sorted);
			case INFO, WARNING -> new Passed(sorted);
		};
	}

	record Passed(List<Finding> findings) implements Verdict {
		public Passed {
			findings = List.copyOf(findings);
		}

		@Override
		public String name() {
			return "PASSED";
		}
	}

	record NeedsRepair(List<Finding> findings) implements Verdict {
		public NeedsRepair {
			findings = List.copyOf(findings);
		}

		@Override
		public String name() {
			return "NEEDS_REPAIR";
		}
	}

	record Blocked(List<Finding> findings) implements Verdict {
		public Blocked {
			findings = List.copyOf(findings);
		}

		@Override
		public String name() {
			return "BLOCKED";
		}
	}
}
