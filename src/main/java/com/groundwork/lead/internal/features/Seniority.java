package com.groundwork.lead.internal.features;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The seniority of a job title, by the keyword lists of {@code groundwork.lead.features.seniority}. */
@Component
public class Seniority {

	/** A title that matches no level. */
	public static final String INDIVIDUAL_CONTRIBUTOR = "individual-contributor";

	private final List<Level> levels;

	public Seniority(FeatureSettings settings) {
		this.levels = settings.seniority().stream().map(level -> new Level(level.level(), new Phrases(level.keywords()))).toList();
	}

	/** The level of a title, e.g. {@code vp} for "VP Operations"; empty without a title. */
	public Optional<String> of(String title) {
		if (title == null || title.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(levels.stream()
			.filter(level -> level.phrases().foundIn(title))
			.map(Level::name)
			.findFirst()
			.orElse(INDIVIDUAL_CONTRIBUTOR));
	}

	private record Level(String name, Phrases phrases) {
	}
}
