package com.groundwork.drafting.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Why a draft is written; each angle has its own prompt ({@code outreach-<slug>}). */
enum Angle {
	INTRO("intro"), FOLLOW_UP("follow-up"), CASE_STUDY("case-study"), EVENT_INVITE("event-invite"),
	RE_ENGAGEMENT("re-engagement");

	private final String slug;

	Angle(String slug) {
		this.slug = slug;
	}

	String slug() {
		return slug;
	}

	/** The id of the prompt that writes this angle. */
	String promptId() {
		return "outreach-" + slug;
	}

	static List<String> slugs() {
		return Arrays.stream(values()).map(Angle::slug).toList();
	}

	static Optional<Angle> of(String slug) {
		var wanted = slug.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter(angle -> angle.slug.equals(wanted)).findFirst();
	}
}
