package com.groundwork.campaign;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Leads for campaign tests, in the lead contract (JSON) or as CSV rows, varied like a real segment. */
public final class CampaignFixtures {

	public static final String CSV_HEADER = "externalId,contact.firstName,contact.email,contact.title,contact.country,"
			+ "company.name,company.industry,company.employees,company.salesRegion,crm.stage,consent.status,consent.source,"
			+ "consent.grantedAt";

	private static final String[] TITLES = { "VP Operations", "Head of Logistics", "Director of Fulfillment",
			"Supply Chain Manager", "COO" };

	private static final String[] INDUSTRIES = { "logistics", "manufacturing", "retail" };

	private CampaignFixtures() {
	}

	/** One lead in contract version 2, in the US with implied consent. */
	public static String lead(String externalId) {
		int n = Math.floorMod(externalId.hashCode(), 1000);
		return """
				{"schemaVersion":2,"externalId":"%s","contact":{"firstName":"Alex","email":"%s@%s.example",\
				"title":"%s","country":"US","language":"en"},"company":{"name":"%s Freight","industry":"%s",\
				"employees":%d,"salesRegion":"NA"},"crm":{"stage":"MQL"},"consent":{"status":"IMPLIED",\
				"source":"webinar","grantedAt":"2026-09-01"}}""".formatted(externalId,
				externalId.toLowerCase(Locale.ROOT), "co" + n, TITLES[n % TITLES.length], "Co" + n,
				INDUSTRIES[n % INDUSTRIES.length], 300 + n);
	}

	public static String leads(List<String> externalIds) {
		return externalIds.stream().map(CampaignFixtures::lead).collect(Collectors.joining(",\n", "[", "]"));
	}

	public static List<String> ids(String prefix, int count) {
		return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
	}

	public static String json(String name, String angle, List<String> externalIds) {
		return "{\"name\":\"" + name + "\",\"angle\":\"" + angle + "\",\"leads\":" + leads(externalIds) + "}";
	}

	/** A CSV row matching {@link #CSV_HEADER}. */
	public static String csvRow(String externalId) {
		int n = Math.floorMod(externalId.hashCode(), 1000);
		return String.join(",", externalId, "Alex", externalId.toLowerCase(Locale.ROOT) + "@co" + n + ".example",
				TITLES[n % TITLES.length], "US", "Co" + n + " Freight", INDUSTRIES[n % INDUSTRIES.length],
				Integer.toString(300 + n), "NA", "MQL", "IMPLIED", "webinar", "2026-09-01");
	}
}
