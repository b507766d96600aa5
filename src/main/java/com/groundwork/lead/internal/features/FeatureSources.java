package com.groundwork.lead.internal.features;

import com.groundwork.lead.internal.contract.LeadContracts;
import com.groundwork.lead.internal.contract.LeadV2;
import com.groundwork.lead.internal.store.StoredLead;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Where feature values come from: every field of the lead contract by its path ({@code company.industry}), and the
 * derivations ({@code derived:…}) that turn fields into something more useful to write with.
 */
@Component
public class FeatureSources {

	/** Company size bands by employees (EU SME thresholds, then enterprise tiers). */
	static final int[] SIZE_BAND_LOWER_BOUNDS = { 1, 50, 250, 1000, 5000 };

	private final LeadContracts contracts;
	private final Map<String, BiFunction<Lead, Instant, Optional<String>>> sources = new LinkedHashMap<>();

	FeatureSources(LeadContracts contracts, Seniority seniority, IntentSignals intentSignals) {
		this.contracts = contracts;
		for (var path : LeadContracts.fieldPaths(LeadV2.class)) {
			if (!path.equals("schemaVersion")) {
				var pointer = "/" + path.replace('.', '/');
				sources.put(path, (lead, now) -> text(lead.tree().at(pointer)));
			}
		}
		sources.put("derived:company-size-band",
				(lead, now) -> Optional.ofNullable(lead.stored().lead().requireCompany().employees()).map(FeatureSources::sizeBand));
		sources.put("derived:title-seniority",
				(lead, now) -> seniority.of(lead.stored().lead().requireContact().title()));
		sources.put("derived:days-since-last-touch", (lead, now) -> Optional
			.ofNullable(lead.stored().lead().crmOrEmpty().lastTouchAt())
			.map(day -> String.valueOf(Math.max(0, ChronoUnit.DAYS.between(day, LocalDate.ofInstant(now, ZoneOffset.UTC))))));
		sources.put("derived:intent-signals", (lead, now) -> {
			var signals = intentSignals.in(lead.stored().lead().crmOrEmpty().notes());
			return signals.isEmpty() ? Optional.empty() : Optional.of(String.join(",", signals));
		});
	}

	/** Every source a feature definition may name. */
	public Set<String> names() {
		return sources.keySet();
	}

	/** The values of a lead's sources at {@code now}; sources without a value are absent. */
	public Values of(StoredLead stored, Instant now) {
		var lead = new Lead(stored, contracts.toTree(stored.lead()));
		return source -> {
			var extractor = sources.get(source);
			if (extractor == null) {
				throw new IllegalArgumentException("unknown feature source " + source);
			}
			return extractor.apply(lead, now);
		};
	}

	static String sizeBand(int employees) {
		for (int i = SIZE_BAND_LOWER_BOUNDS.length - 1; i > 0; i--) {
			if (employees >= SIZE_BAND_LOWER_BOUNDS[i]) {
				return i == SIZE_BAND_LOWER_BOUNDS.length - 1 ? SIZE_BAND_LOWER_BOUNDS[i] + "+"
						: SIZE_BAND_LOWER_BOUNDS[i] + "-" + (SIZE_BAND_LOWER_BOUNDS[i + 1] - 1);
			}
		}
		return "1-" + (SIZE_BAND_LOWER_BOUNDS[1] - 1);
	}

	private static Optional<String> text(JsonNode node) {
		return node.isMissingNode() || node.isNull() || node.isContainer() ? Optional.empty() : Optional.of(node.asString());
	}

	/** The values of one lead's sources. */
	@FunctionalInterface
	public interface Values {

		Optional<String> of(String source);
	}

	private record Lead(StoredLead stored, JsonNode tree) {
	}
}
