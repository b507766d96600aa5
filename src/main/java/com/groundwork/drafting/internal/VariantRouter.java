package com.groundwork.drafting.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the prompt version of a draft from the tenant's variant settings: the stable version, a canary for a
 * deterministic share of leads (the same lead always lands in the same bucket), and a shadow version that runs beside
 * it for comparison only.
 */
class VariantRouter {

	private final PromptRegistry registry;
	private final DraftingSettings settings;

	VariantRouter(PromptRegistry registry, DraftingSettings settings) {
		this.registry = registry;
		this.settings = settings;
		// A variant naming a version that does not exist is a configuration mistake: say so at start-up.
		settings.variants().forEach((tenant, angles) -> angles.forEach((angle, variant) -> {
			var promptId = Angle.of(angle)
				.orElseThrow(() -> new PromptRegistryInvalidException("groundwork.drafting.variants." + tenant + "." + angle
						+ ": unknown angle; the angles are " + Angle.slugs()))
				.promptId();
			for (var version : new Integer[] { variant.stable(), variant.canary(), variant.shadow() }) {
				if (version != null && registry.find(promptId, version).isEmpty()) {
					throw new PromptRegistryInvalidException("groundwork.drafting.variants." + tenant + "." + angle
							+ " names " + promptId + "@" + version + ", which is not in the prompt registry");
				}
			}
		}));
		for (var angle : Angle.values()) {
			if (registry.latest(angle.promptId()).isEmpty()) {
				throw new PromptRegistryInvalidException("No prompt " + angle.promptId() + " in " + registry.directory()
						+ ": every angle needs one");
			}
		}
	}

	/** The prompt a draft uses, which variant it is, and the shadow version to run beside it, if any. */
	record Route(PromptFile prompt, String variant, Optional<PromptFile> shadow) {
	}

	Route route(String tenantSlug, Angle angle, String leadExternalId) {
		return route(tenantSlug, angle, leadExternalId, null);
	}

	/**
	 * @param forced {@code stable} or {@code canary} to give this lead that version whatever its bucket, or null
	 * @throws IllegalArgumentException when the forced variant is not configured for the tenant and angle
	 */
	Route route(String tenantSlug, Angle angle, String leadExternalId, @Nullable String forced) {
		if (forced != null && !variants(tenantSlug, angle).contains(forced)) {
			throw new IllegalArgumentException("prompt variant '" + forced + "' is not configured for angle "
					+ angle.slug() + "; use one of " + String.join(", ", variants(tenantSlug, angle)));
		}
		var variant = variantOf(tenantSlug, angle);
		var promptId = angle.promptId();
		var stable = variant.map(DraftingSettings.Variant::stable)
			.flatMap(version -> registry.find(promptId, version))
			.orElseGet(() -> registry.latest(promptId).orElseThrow());
		var chosen = stable;
		var name = "stable";
		boolean canary = forced != null ? forced.equals("canary")
				: variant.isPresent() && bucketOf(leadExternalId) < variant.get().canaryPercent();
		if (canary && variant.isPresent() && variant.get().canary() != null) {
			chosen = registry.find(promptId, variant.get().canary()).orElseThrow();
			name = "canary";
		}
		var primaryVersion = chosen.version();
		var shadow = variant.map(DraftingSettings.Variant::shadow)
			.filter(version -> version != primaryVersion)
			.flatMap(version -> registry.find(promptId, version));
		return new Route(chosen, name, shadow);
	}

	/** The variants a request may force: {@code stable}, and {@code canary} when one is configured. */
	List<String> variants(String tenantSlug, Angle angle) {
		return variantOf(tenantSlug, angle).map(DraftingSettings.Variant::canary).isPresent()
				? List.of("stable", "canary") : List.of("stable");
	}

	private Optional<DraftingSettings.Variant> variantOf(String tenantSlug, Angle angle) {
		var own = settings.variants().get(tenantSlug);
		if (own != null && own.containsKey(angle.slug())) {
			return Optional.of(own.get(angle.slug()));
		}
		return Optional.ofNullable(settings.variants().get(DraftingSettings.DEFAULT))
			.map(defaults -> defaults.get(angle.slug()));
	}

	/** 0 to 99 from a hash of the lead id: stable across requests, instances and restarts. */
	static int bucketOf(String leadExternalId) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(leadExternalId.getBytes(StandardCharsets.UTF_8));
			long value = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
					| (digest[3] & 0xFFL);
			return (int) (value % 100);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
