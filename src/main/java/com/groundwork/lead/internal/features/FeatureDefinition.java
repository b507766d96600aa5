package com.groundwork.lead.internal.features;

import com.groundwork.lead.FeatureType;
import com.groundwork.lead.PiiClass;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One registered feature, as written in {@code features/*.yaml}.
 *
 * @param name dotted lower-case name, e.g. {@code company.size-band}
 * @param version grows when the way the value is computed changes; snapshots name {@code name@version}
 * @param source a lead contract path ({@code company.industry}) or a derivation ({@code derived:intent-signals})
 * @param pii how personal the value is
 * @param allowedForGeneration whether drafting may show the value to a model; never for sensitive features
 * @param freshness how long after the lead last changed the value may be relied on, ISO-8601 (e.g. {@code P90D})
 */
public record FeatureDefinition(
		@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*", message = "must be a dotted lower-case name such as company.size-band") @Nullable String name,
		@NotNull @Positive @Nullable Integer version,
		@NotNull(message = "must be one of category, text, number, date, boolean, list") @Nullable FeatureType type,
		@NotBlank @Nullable String source,
		@NotNull(message = "must be one of none, personal, sensitive") @Nullable PiiClass pii,
		@NotNull(message = "must be true or false: say whether drafting may show this feature to a model") @Nullable Boolean allowedForGeneration,
		@NotNull(message = "must be an ISO-8601 duration such as P30D") @Nullable Duration freshness,
		@NotBlank @Size(max = 500) @Nullable String description) {

	/** {@code name@version}. */
	public String key() {
		return name + "@" + version;
	}

	public boolean allowed() {
		return Boolean.TRUE.equals(allowedForGeneration);
	}
}
