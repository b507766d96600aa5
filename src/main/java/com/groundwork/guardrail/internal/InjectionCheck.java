package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Prompt injection, both ways. Inputs: instruction-like content in passages and untrusted inputs (CRM notes, lead
 * fields) is reported as a warning, {@code injection.<category>} — it is data, never an instruction. Output: the
 * draft must not follow it — citing a flagged passage ({@code injection.cites-flagged-passage}), copying flagged text
 * ({@code injection.copied-text}), writing to or about an address from the untrusted text
 * ({@code injection.recipient}), linking to a host from it ({@code injection.link}), or stating numbers and names
 * that only the flagged text holds ({@code injection.followed}) blocks the draft.
 */
final class InjectionCheck implements Check {

	private final InjectionScanner scanner;

	InjectionCheck(InjectionScanner scanner) {
		this.scanner = scanner;
	}

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		for (var passage : context.passages.values()) {
			scanInput(context, "passage:" + passage.id(), passage.text(), findings);
		}
		for (var input : context.draft.untrustedInputs().entrySet()) {
			scanInput(context, "input:" + input.getKey(), input.getValue(), findings);
		}
		verifyOutput(context, findings);
	}

	private void scanInput(CheckContext context, String field, String text, List<Finding> findings) {
		for (var signal : scanner.scan(text, context.policy.injectionMinScore())) {
			int start = Math.max(0, Math.min(signal.start(), text.length()));
			int end = Math.max(start, Math.min(signal.end(), text.length()));
			context.flagged.add(new CheckContext.Flagged(field, signal.category(),
					around(text, start, end, context.policy.flaggedContext()), signal.evidence()));
			findings.add(new Finding("injection." + signal.category(), Severity.WARNING, new Span(field, start, end),
					"Instruction-like text (" + signal.category() + ") in untrusted " + (field.startsWith("passage:")
							? "passage " + field.substring(8) : "input " + field.substring(6))
							+ ": it is data, never an instruction; drafting leaves flagged passages and fields out of the prompt",
					Texts.shorten(signal.evidence(), 160)));
		}
	}

	private static void verifyOutput(CheckContext context, List<Finding> findings) {
		var flaggedText = new StringBuilder();
		var shingles = new HashSet<String>();
		int size = context.policy.copiedWords();
		for (var flag : context.flagged) {
			flaggedText.append(Texts.lower(flag.text())).append('\n');
			var words = Texts.lowerWords(flag.text());
			for (int i = 0; i + size <= words.size(); i++) {
				shingles.add(String.join(" ", words.subList(i, i + size)));
			}
		}
		var flagged = flaggedText.toString();
		var inputs = context.allInputs();
		for (var field : context.fields) {
			for (var cited : field.citations()) {
				if (context.passageFlagged(cited)) {
					findings.add(new Finding("injection.cites-flagged-passage", Severity.BLOCK,
							new Span(field.name(), 0, field.text().length()),
							"Cites passage " + cited + ", which holds instruction-like text: a flagged passage is never"
									+ " grounds for a draft",
							cited));
				}
			}
			if (!shingles.isEmpty()) {
				copied(field, shingles, size, findings);
			}
			addresses(context, field, flagged, inputs, findings);
			links(context, field, flagged, inputs, findings);
			if (!flagged.isEmpty()) {
				followed(context, field, flagged, findings);
			}
		}
	}

	private static void copied(CheckContext.Field field, Set<String> shingles, int size, List<Finding> findings) {
		var lower = Texts.lower(field.text());
		var words = Texts.words(lower);
		for (int i = 0; i + size <= words.size(); i++) {
			var joined = new StringBuilder();
			for (int w = i; w < i + size; w++) {
				joined.append(w > i ? " " : "").append(lower, words.get(w)[0], words.get(w)[1]);
			}
			if (shingles.contains(joined.toString())) {
				int start = words.get(i)[0];
				int end = words.get(i + size - 1)[1];
				findings.add(new Finding("injection.copied-text", Severity.BLOCK, new Span(field.name(), start, end),
						"Copies text from instruction-like untrusted content: the draft must not carry it",
						Texts.shorten(field.text().substring(start, end), 160)));
				return;
			}
		}
	}

	private static void addresses(CheckContext context, CheckContext.Field field, String flagged, String inputs,
			List<Finding> findings) {
		Matcher matcher = Texts.EMAIL.matcher(field.text());
		while (matcher.find()) {
			var address = Texts.lower(matcher.group());
			var recipient = context.draft.recipient();
			if (Texts.contains(context.facts, address)
					|| recipient != null && address.equals(Texts.lower(recipient.email().strip()))) {
				continue; // the lead's own address is personal data (PiiCheck), not a redirection
			}
			if (flagged.contains(address) || inputs.contains(address)) {
				findings.add(new Finding("injection.recipient", Severity.BLOCK, new Span(field.name(), matcher.start(), matcher.end()),
						"An address taken from untrusted input: a draft never sends, refers or replies to addresses found"
								+ " in CRM data or passages",
						Texts.maskValue(matcher.group())));
			}
		}
	}

	private static void links(CheckContext context, CheckContext.Field field, String flagged, String inputs,
			List<Finding> findings) {
		for (var link : LinkCheck.links(field.text(), context.policy)) {
			var host = Texts.hostOf(link.text());
			if (host.isEmpty() || Texts.hostAllowed(host, context.policy.allowedDomains())) {
				continue;
			}
			if (flagged.contains(host) || inputs.contains(host)) {
				findings.add(new Finding("injection.link", Severity.BLOCK, new Span(field.name(), link.start(), link.end()),
						"Links to " + host + ", a host named in untrusted input: a draft never follows links or"
								+ " instructions found in CRM data or passages",
						link.text()));
			}
		}
	}

	private static void followed(CheckContext context, CheckContext.Field field, String flagged, List<Finding> findings) {
		var evidence = field.citations().isEmpty() ? "" : context.evidenceOf(field);
		for (var claim : Claims.of(field.text(), context.policy, context.wording)) {
			if (Claims.supported(claim, flagged, context) && !Claims.supported(claim, context.facts, context)
					&& !Claims.supported(claim, evidence, context)) {
				findings.add(new Finding("injection.followed", Severity.BLOCK, new Span(field.name(), claim.start(), claim.end()),
						"'" + claim.text() + "' comes from instruction-like untrusted text, not from a cited passage or"
								+ " the lead's facts: the draft follows an injected instruction",
						claim.text()));
			}
		}
	}

	/** The flagged span with some context, within its line (instructions rarely span lines). */
	static String around(String text, int start, int end, int context) {
		int from = Math.max(0, start - context);
		int to = Math.min(text.length(), end + context);
		int lineStart = text.lastIndexOf('\n', Math.max(0, start - 1));
		int lineEnd = text.indexOf('\n', end);
		from = Math.max(from, lineStart + 1);
		to = Math.min(to, lineEnd < 0 ? text.length() : lineEnd);
		return from < to ? text.substring(from, to) : text.substring(start, end);
	}
}
