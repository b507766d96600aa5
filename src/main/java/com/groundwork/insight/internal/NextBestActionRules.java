package com.groundwork.insight.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.Resource;

/**
 * The next-best-action rule table ({@code src/main/resources/insight/next-best-action.yaml}): rules in order, the
 * first whose conditions all hold decides. A mistake in the file stops start-up, naming the file and the rule.
 */
record NextBestActionRules(List<Rule> rules) {

	static final Set<String> ACTIONS = Set.of("intro", "follow-up", "case-study", "wait", "do-not-contact");

	/** Every key a rule may have, as Spring names them. */
	private static final Set<String> KEYS = Set.of("id", "action", "reason", "when.outcome", "when.no-outcome",
			"when.suppressed", "when.consent", "when.score-at-least", "when.score-below",
			"when.days-since-last-touch-at-least", "when.days-since-last-touch-below", "when.never-touched",
			"when.sent-at-least", "when.sent-at-most");

	static final Set<String> CONSENTS = Set.of("EXPRESS", "IMPLIED", "NONE", "WITHDRAWN");

	NextBestActionRules {
		rules = List.copyOf(rules);
	}

	record Rule(String id, String action, @Nullable When when, String reason) {
	}

	/** The conditions of a rule; null ones are not looked at. */
	record When(@Nullable String outcome, @Nullable String noOutcome, @Nullable Boolean suppressed,
			@Nullable List<String> consent, @Nullable Integer scoreAtLeast, @Nullable Integer scoreBelow,
			@Nullable Integer daysSinceLastTouchAtLeast, @Nullable Integer daysSinceLastTouchBelow,
			@Nullable Boolean neverTouched, @Nullable Integer sentAtLeast, @Nullable Integer sentAtMost) {
	}

	/** A rule table file that cannot be used. */
	static final class InvalidRulesException extends IllegalStateException {

		InvalidRulesException(String file, String problem) {
			super("Next-best-action rules " + file + ": " + problem);
		}
	}

	static NextBestActionRules load(Resource resource) {
		var file = String.valueOf(resource.getFilename());
		var sources = new ArrayList<ConfigurationPropertySource>();
		try {
			ConfigurationPropertySources.from(new YamlPropertySourceLoader().load(file, resource)).forEach(sources::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read next-best-action rules " + file, ex);
		}
		NextBestActionRules table;
		try {
			table = new Binder(sources).bindOrCreate(ConfigurationPropertyName.EMPTY,
					Bindable.of(NextBestActionRules.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			var cause = ex.getCause() == null ? ex : ex.getCause();
			throw new InvalidRulesException(file, ex.getName() + ": " + cause.getMessage());
		}
		for (var source : sources) {
			if (source instanceof IterableConfigurationPropertySource names) {
				for (var name : names) {
					var key = name.toString().replaceAll("^rules\\[\\d+]\\.", "").replaceAll("\\[\\d+]$", "");
					if (!KEYS.contains(key)) {
						throw new InvalidRulesException(file, name + ": unknown; a rule has id, action, reason and when ("
								+ String.join(", ", KEYS.stream().filter(k -> k.startsWith("when.")).map(k -> k.substring(5)).sorted().toList())
								+ ")");
					}
				}
			}
		}
		if (table.rules().isEmpty()) {
			throw new InvalidRulesException(file, "rules: at least one rule is needed");
		}
		var ids = new HashSet<String>();
		for (int i = 0; i < table.rules().size(); i++) {
			var rule = table.rules().get(i);
			var at = "rules[" + i + "]";
			if (rule.id() == null || rule.id().isBlank() || !ids.add(rule.id())) {
				throw new InvalidRulesException(file, at + ".id: every rule needs its own id");
			}
			if (rule.action() == null || !ACTIONS.contains(rule.action())) {
				throw new InvalidRulesException(file, at + ".action: '" + rule.action() + "' is not one of "
						+ String.join(", ", ACTIONS.stream().sorted().toList()));
			}
			if (rule.reason() == null || rule.reason().isBlank()) {
				throw new InvalidRulesException(file, at + ".reason: say why, for the rep");
			}
			var when = rule.when();
			if (when != null) {
				for (var outcome : java.util.Arrays.asList(when.outcome(), when.noOutcome())) {
					if (outcome != null && OutcomeType.of(outcome).isEmpty()) {
						throw new InvalidRulesException(file, at + ".when: outcome '" + outcome + "' is not one of "
								+ String.join(", ", OutcomeType.slugs()));
					}
				}
				if (when.consent() != null && !CONSENTS.containsAll(when.consent())) {
					throw new InvalidRulesException(file, at + ".when.consent: use EXPRESS, IMPLIED, NONE or WITHDRAWN");
				}
			}
		}
		return table;
	}
}
