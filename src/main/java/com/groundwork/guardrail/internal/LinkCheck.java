package com.groundwork.guardrail.internal;

import com.groundwork.guardrail.Finding;
import com.groundwork.guardrail.Severity;
import com.groundwork.guardrail.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Links in the draft: only to the tenant's allowed domains ({@code links.not-allowed}), over https when the policy
 * says so ({@code links.insecure}), and only links a cited passage holds ({@code links.uncited}), so a model cannot
 * invent one, not even on an allowed domain.
 */
final class LinkCheck implements Check {

	/** A link as written, at {@code [start, end)} of its text. */
	record Link(String text, int start, int end) {
	}

	@Override
	public void run(CheckContext context, List<Finding> findings) {
		var policy = context.policy;
		for (var field : context.fields) {
			for (var link : links(field.text(), policy)) {
				var span = new Span(field.name(), link.start(), link.end());
				var host = Texts.hostOf(link.text());
				if (!Texts.hostAllowed(host, policy.allowedDomains())) {
					findings.add(new Finding("links.not-allowed", Severity.REPAIR, span, "Links to " + host
							+ ", which is not on the tenant's link allowlist " + policy.allowedDomains() + ": remove it",
							link.text()));
					continue;
				}
				if (policy.requireHttps() && Texts.lower(link.text()).startsWith("http://")) {
					findings.add(new Finding("links.insecure", Severity.REPAIR, span,
							"Links over plain http: use the https address", link.text()));
				}
				var lower = Texts.lower(stripScheme(link.text()));
				if (!context.evidenceOf(field).contains(lower)) {
					findings.add(new Finding("links.uncited", Severity.REPAIR, span,
							"A link no cited passage holds: link only to pages the passages name, or remove it",
							link.text()));
				}
			}
		}
	}

	/** URLs with a scheme or {@code www.}, and bare {@code name.tld} for the policy's top-level domains. */
	static List<Link> links(String text, Policy policy) {
		var links = new ArrayList<Link>();
		if (text.indexOf('.') < 0) {
			return links;
		}
		var url = Texts.URL.matcher(text);
		while (url.find()) {
			int end = trimEnd(text, url.start(), url.end());
			links.add(new Link(text.substring(url.start(), end), url.start(), end));
		}
		var bare = Texts.BARE_DOMAIN.matcher(text);
		while (bare.find()) {
			if (!policy.bareDomainTlds().contains(Texts.lower(bare.group(1)))) {
				continue;
			}
			int start = bare.start();
			if (links.stream().anyMatch(link -> start >= link.start() && start < link.end())) {
				continue;
			}
			int end = trimEnd(text, start, bare.end());
			links.add(new Link(text.substring(start, end), start, end));
		}
		return links;
	}

	/** Sentence punctuation after a link is not part of it. */
	private static int trimEnd(String text, int start, int end) {
		while (end > start && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		return end;
	}

	private static String stripScheme(String link) {
		int at = link.indexOf("://");
		return at >= 0 ? link.substring(at + 3) : link;
	}
}
