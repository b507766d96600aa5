package com.groundwork.guardrail;

/**
 * How bad a finding is, which decides the verdict: any {@link #BLOCK} blocks the draft, any {@link #REPAIR} asks for a
 * repair, {@link #WARNING} and {@link #INFO} are shown to the reviewer but let the draft pass.
 */
public enum Severity {
	INFO, WARNING, REPAIR, BLOCK
}
