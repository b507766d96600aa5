package com.groundwork.drafting.internal;

import com.groundwork.lead.FeatureSnapshot;
import com.groundwork.lead.FeatureValue;
import com.groundwork.lead.LeadScore;
import com.groundwork.lead.MinimizedFeatures;
import com.groundwork.lead.PiiClass;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What drafting knows of a lead: its stored feature snapshot, the part of it allowed for generation, and its score.
 * Only {@link #minimized()} is ever put in front of a tier.
 */
record LeadContext(String externalId, FeatureSnapshot snapshot, MinimizedFeatures minimized, LeadScore score) {

	static LeadContext of(FeatureSnapshot snapshot, LeadScore score) {
		return new LeadContext(snapshot.externalId(), snapshot, snapshot.minimized(), score);
	}

	String feature(String name) {
		return minimized.values().stream().filter(value -> value.name().equals(name)).map(FeatureValue::value)
			.findFirst().orElse("");
	}

	/** The variables of the offline phrases and the retrieval query, with neutral fallbacks for absent features. */
	Map<String, String> variables() {
		var variables = new LinkedHashMap<String, String>();
		variables.put("first_name", orElse(feature("contact.first-name"), "there"));
		variables.put("company", orElse(feature("company.name"), "your company"));
		variables.put("title", feature("contact.title"));
		variables.put("industry", feature("company.industry").replace('-', ' '));
		variables.put("region", feature("company.sales-region"));
		variables.put("size_band", feature("company.size-band"));
		variables.put("seniority", feature("contact.seniority"));
		variables.put("signals", feature("crm.intent-signals").replace(',', ' ').replace('-', ' '));
		return variables;
	}

	/** Personal features a tier may see only pseudonymized: name → placeholder. */
	Map<String, String> personalValues() {
		var personal = new LinkedHashMap<String, String>();
		for (var value : minimized.values()) {
			if (value.pii() == PiiClass.PERSONAL && !value.value().isBlank()) {
				personal.put("[[" + value.name().replaceAll("^[a-z]+\\.", "").replace('-', '_').toUpperCase(Locale.ROOT)
						+ "]]", value.value());
			}
		}
		return personal;
	}

	/**
	 * The lead's features allowed for generation that are not personal (its company's name, industry, the contact's
	 * title): a detector may take "Minimal Haulage" for a person, yet the tier is meant to see it.
	 */
	java.util.Set<String> sharedValues() {
		var shared = new java.util.HashSet<String>();
		for (var value : minimized.values()) {
			if (value.pii() != PiiClass.PERSONAL && !value.value().isBlank()) {
				shared.add(value.value().strip().toLowerCase(Locale.ROOT));
			}
		}
		return shared;
	}

	String language() {
		return feature("contact.language").toLowerCase(Locale.ROOT);
	}

	private static String orElse(String value, String fallback) {
		return value.isBlank() ? fallback : value;
	}
}
