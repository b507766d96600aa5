package com.groundwork.identity;

import java.util.Objects;

/** A tenant as other modules see it. */
public record TenantSummary(TenantId id, String slug, String name) {

	public TenantSummary {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(name, "name");
	}
}
