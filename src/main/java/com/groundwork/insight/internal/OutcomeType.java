package com.groundwork.insight.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the e-mail or CRM system reports of a released draft, in funnel order. */
enum OutcomeType {

	SENT, OPENED, REPLIED, MEETING_BOOKED, OPPORTUNITY_CREATED, UNSUBSCRIBED;

	/** {@code meeting-booked}, as the API names it. */
	String slug() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	static Optional<OutcomeType> of(String slug) {
		return Arrays.stream(values()).filter(type -> type.slug().equals(slug)).findFirst();
	}

	static List<String> slugs() {
		return Arrays.stream(values()).map(OutcomeType::slug).toList();
	}
}
